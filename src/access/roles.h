// Private to access: the roles as data, from the most to the least powerful
// (a role's rank is its place in this list), with the scope kinds a user of
// the role may be given.
#pragma once

#include <string_view>
#include <vector>

#include "common/scope.h"

namespace linli::access {

struct RoleDef {
  std::string_view name;
  std::vector<ScopeKind> scope_kinds;
};

const std::vector<RoleDef>& roleDefs();
const RoleDef* findRole(std::string_view role);

}  // namespace linli::access
