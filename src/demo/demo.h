// Demo data: a street (幸福街道) with communities and grids, and one account
// per role, all with the password kDemoPassword. Loaded only into a database
// without users. Later issues extend it with residents, requests and more.
#pragma once

#include <string>
#include <vector>

#include "auth/auth.h"
#include "registry/registry.h"

namespace linli::demo {

inline constexpr const char* kDemoPassword = "Linli@2026";

struct DemoAccount {
  std::string username;
  std::string role;
  std::string scope_name;
};

// Creates the demo street and accounts; returns the accounts created.
Result<std::vector<DemoAccount>> loadDemo(storage::Db& db, registry::Registry& registry,
                                          auth::AuthService& auth);

}  // namespace linli::demo
