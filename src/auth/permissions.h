// The permission table: which role may do which action, and at which level of
// the place hierarchy the role's scope sits. Deny by default: an action not in
// the table for a role is refused. Tests and GET /api/v1/auth/permissions read
// this same table. Services check `require(caller, action)` and then that the
// record lies inside the caller's scope.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/scope.h"
#include "common/status.h"

namespace linli::auth {

struct Rule {
  std::string_view role;
  std::string_view action;
  std::string_view scope;  // "own", "street", "community" or "grid"
};

const std::vector<Rule>& permissionTable();
// Roles from the most to the least powerful.
const std::vector<std::string_view>& roles();
bool isRole(std::string_view role);
bool allowed(std::string_view role, std::string_view action);
std::vector<std::string> actionsOf(std::string_view role);
// Higher ranks may manage lower ones.
int roleRank(std::string_view role);
// The scope kinds a user of this role may be given (a grid worker: a grid).
bool roleTakesScope(std::string_view role, ScopeKind kind);
// Unauthenticated without a principal, PermissionDenied when the table says no.
Status require(const Caller& caller, std::string_view action);

}  // namespace linli::auth
