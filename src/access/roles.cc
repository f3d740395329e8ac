#include "access/roles.h"

#include <algorithm>

namespace linli::access {

const std::vector<RoleDef>& roleDefs() {
  using enum ScopeKind;
  static const std::vector<RoleDef> defs = {
      {"street_admin", {kStreet}},        {"community_admin", {kCommunity}},
      {"community_staff", {kCommunity}},  {"grid_worker", {kGrid}},
      {"department", {kStreet}},          {"org", {kStreet}},
      {"volunteer", {kCommunity, kGrid}}, {"resident", {kGrid}},
  };
  return defs;
}

const RoleDef* findRole(std::string_view role) {
  const auto& defs = roleDefs();
  auto it =
      std::find_if(defs.begin(), defs.end(), [&](const RoleDef& d) { return d.name == role; });
  return it == defs.end() ? nullptr : &*it;
}

const std::vector<std::string_view>& roles() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const RoleDef& d : roleDefs()) out.push_back(d.name);
    return out;
  }();
  return names;
}

bool isRole(std::string_view role) { return findRole(role) != nullptr; }

int roleRank(std::string_view role) {
  const RoleDef* def = findRole(role);
  if (!def) return -1;
  return static_cast<int>(roleDefs().size()) - static_cast<int>(def - roleDefs().data());
}

bool roleTakesScope(std::string_view role, ScopeKind kind) {
  const RoleDef* def = findRole(role);
  return def && std::find(def->scope_kinds.begin(), def->scope_kinds.end(), kind) !=
                    def->scope_kinds.end();
}

}  // namespace linli::access
