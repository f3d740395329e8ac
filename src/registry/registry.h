// Registry door. For now: the place hierarchy that data scopes are made of
// (street → community → grid), each with its 12-digit statistical area code.
// Other modules use it to resolve a Scope to its place path and to decide
// whether one scope covers another. Households and residents come later.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "common/scope.h"
#include "storage/db.h"

namespace linli::http {
class Router;
}

namespace linli::registry {

struct PlacePath {
  int64_t street_id = 0;
  std::optional<int64_t> community_id;
  std::optional<int64_t> grid_id;
};

struct ResolvedScope {
  PlacePath path;
  std::string name;  // "和平社区第一网格"
};

// True when everything in `inner` lies inside `outer`.
bool covers(const PlacePath& outer, const PlacePath& inner);

class Registry {
 public:
  explicit Registry(storage::Db& db) : db_(db) {}
  // NotFound (field `field`) when the place does not exist.
  Result<ResolvedScope> resolve(storage::Tx& tx, const Scope& scope,
                                const std::string& field = "scope") const;
  // The street/community/grid tree limited to what `caller` may see.
  Result<nlohmann::json> placesTree(const Caller& caller) const;

  // For demo data and operators; street and community codes have 12 digits.
  Result<int64_t> addStreet(storage::Tx& tx, const std::string& code, const std::string& name);
  Result<int64_t> addCommunity(storage::Tx& tx, int64_t street_id, const std::string& code,
                               const std::string& name);
  Result<int64_t> addGrid(storage::Tx& tx, int64_t community_id, const std::string& code,
                          const std::string& name);

 private:
  storage::Db& db_;
};

void registerRoutes(http::Router& router, Registry& registry);

}  // namespace linli::registry
