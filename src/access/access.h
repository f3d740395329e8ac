// Access door: who may do what, where. Below every domain module (auth,
// registry, audit… all depend on it; it depends on none of them).
// - Place paths (street → community → grid) and `covers`, the one scope test.
// - Roles as data: rank (most to least powerful) and the scope kinds a user
//   of the role may be given.
// - The permission table, deny by default, assembled once at start-up from
//   the grants each module declares (`install`); GET /auth/permissions serves
//   it. An action not granted to a role is refused.
// - `Places`: the port through which auth resolves a scope to a place
//   (implemented by the registry, so auth need not know it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/scope.h"
#include "storage/db.h"

namespace linli::access {

struct PlacePath {
  int64_t street_id = 0;
  std::optional<int64_t> community_id;
  std::optional<int64_t> grid_id;
};

// True when everything in `inner` lies inside `outer`.
bool covers(const PlacePath& outer, const PlacePath& inner);
PlacePath placeOf(const Principal& principal);

// One grant: `role` may do `action` within `scope` ("own", "assigned",
// "grid", "community" or "street").
struct Rule {
  std::string_view role;
  std::string_view action;
  std::string_view scope;
  bool operator==(const Rule&) const = default;
};

// Replaces the table with these grants (each module's, in module order).
// InvalidArgument for an unknown role or scope word, or a grant given twice.
Status install(const std::vector<Rule>& grants);

const std::vector<Rule>& permissionTable();
// Roles from the most to the least powerful.
const std::vector<std::string_view>& roles();
bool isRole(std::string_view role);
bool allowed(std::string_view role, std::string_view action);
std::vector<std::string> actionsOf(std::string_view role);
// Higher ranks may manage lower ones; -1 for an unknown role.
int roleRank(std::string_view role);
// The scope kinds a user of this role may be given (a grid worker: a grid).
bool roleTakesScope(std::string_view role, ScopeKind kind);
// Unauthenticated without a principal, PermissionDenied when the table says no.
Status require(const Caller& caller, std::string_view action);

struct ResolvedPlace {
  PlacePath path;
  std::string name;  // "和平社区第一网格"
};

// Resolves a scope to its place inside the caller's transaction; NotFound
// naming `field` when there is no such place.
class Places {
 public:
  virtual ~Places() = default;
  virtual Result<ResolvedPlace> resolve(storage::Tx& tx, const Scope& scope,
                                        const std::string& field = "scope") const = 0;
};

}  // namespace linli::access
