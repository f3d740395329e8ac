// Demo data: 幸福街道 with 8 communities and 60 grids, one account per role
// (password kDemoPassword), and a synthetic population of `residents`
// people with their buildings, households and assets (demo/population.h).
// Loaded only into a database without users.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/auth.h"
#include "module/module.h"
#include "registry/registry.h"
#include "requests/requests.h"

namespace linli::demo {

inline constexpr const char* kDemoPassword = "Linli@2026";
// What `linli demo` builds by default: the urban population of a county-level city.
inline constexpr int64_t kDefaultResidents = 230000;
// What `linli serve --demo` builds when the database is empty (quick to start).
inline constexpr int64_t kServeDemoResidents = 3000;

struct DemoAccount {
  std::string username;
  std::string role;
  std::string scope_name;
};

struct DemoResult {
  std::vector<DemoAccount> accounts;
  int64_t residents = 0;
  int64_t assets = 0;
  int64_t requests = 0;
  int64_t history = 0;  // past requests (demo/history.h), all closed or resolved
};

// `requests` (optional) files that many demo requests — by the hotline and by
// the demo resident — and moves most of them along (resolved, rated, closed),
// so queues, timelines and the classifier have something to show; with
// `requests` and `with_history` the street also gets a year of past requests,
// handled and closed (demo/history.h), so history and suggestions have data
// from the start.
Result<DemoResult> loadDemo(storage::Db& db, registry::Registry& registry, auth::AuthService& auth,
                            const Clock& clock, int64_t residents,
                            requests::RequestService* requests = nullptr, int64_t request_count = 0,
                            bool with_history = true);

// The demo room's door: what `serve --demo` loaded (nothing when the
// database already had users).
class DemoStreet {
 public:
  const std::optional<DemoResult>& loaded() const { return loaded_; }

 private:
  friend class DemoModule;
  std::optional<DemoResult> loaded_;
};

module::RoomDef room();

}  // namespace linli::demo
