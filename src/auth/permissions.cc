#include "auth/permissions.h"

#include <algorithm>

namespace linli::auth {

const std::vector<Rule>& permissionTable() {
  static const std::vector<Rule> table = {
      {"street_admin", "self.read", "own"},
      {"street_admin", "notices.send", "street"},
      {"street_admin", "places.read", "street"},
      {"street_admin", "users.read", "street"},
      {"street_admin", "users.manage", "street"},
      {"street_admin", "audit.read", "street"},
      {"street_admin", "registry.read", "street"},
      {"street_admin", "registry.write", "street"},
      {"street_admin", "registry.reveal", "street"},
      {"street_admin", "registry.import", "street"},
      {"street_admin", "registry.export", "street"},
      {"street_admin", "reports.run", "street"},
      {"street_admin", "tags.manage", "street"},
      {"street_admin", "requests.file", "street"},
      {"street_admin", "requests.read", "street"},
      {"street_admin", "requests.handle", "street"},
      {"street_admin", "requests.assign", "street"},
      {"street_admin", "requests.configure", "street"},

      {"community_admin", "self.read", "own"},
      {"community_admin", "notices.send", "community"},
      {"community_admin", "places.read", "community"},
      {"community_admin", "users.read", "community"},
      {"community_admin", "users.manage", "community"},
      {"community_admin", "audit.read", "community"},
      {"community_admin", "registry.read", "community"},
      {"community_admin", "registry.write", "community"},
      {"community_admin", "registry.reveal", "community"},
      {"community_admin", "registry.import", "community"},
      {"community_admin", "registry.export", "community"},
      {"community_admin", "reports.run", "community"},
      {"community_admin", "tags.manage", "community"},
      {"community_admin", "requests.file", "community"},
      {"community_admin", "requests.read", "community"},
      {"community_admin", "requests.handle", "community"},
      {"community_admin", "requests.assign", "community"},

      {"community_staff", "self.read", "own"},
      {"community_staff", "notices.send", "community"},
      {"community_staff", "places.read", "community"},
      {"community_staff", "users.read", "community"},
      {"community_staff", "registry.read", "community"},
      {"community_staff", "registry.write", "community"},
      {"community_staff", "registry.import", "community"},
      {"community_staff", "reports.run", "community"},
      {"community_staff", "requests.file", "community"},
      {"community_staff", "requests.read", "community"},
      {"community_staff", "requests.handle", "community"},
      {"community_staff", "requests.assign", "community"},

      {"grid_worker", "self.read", "own"},
      {"grid_worker", "notices.send", "grid"},
      {"grid_worker", "places.read", "grid"},
      {"grid_worker", "registry.read", "grid"},
      {"grid_worker", "registry.write", "grid"},
      {"grid_worker", "registry.reveal", "grid"},
      {"grid_worker", "reports.run", "grid"},
      {"grid_worker", "requests.file", "grid"},
      {"grid_worker", "requests.read", "grid"},
      {"grid_worker", "requests.handle", "grid"},
      {"department", "self.read", "own"},
      {"department", "places.read", "street"},
      {"department", "requests.read", "assigned"},
      {"department", "requests.handle", "assigned"},
      {"org", "self.read", "own"},
      {"org", "places.read", "street"},
      {"volunteer", "self.read", "own"},
      {"volunteer", "places.read", "community"},
      {"resident", "self.read", "own"},
      {"resident", "places.read", "grid"},
      {"resident", "requests.file", "own"},
      {"resident", "requests.read", "own"},
  };
  return table;
}

const std::vector<std::string_view>& roles() {
  static const std::vector<std::string_view> all = {
      "street_admin", "community_admin", "community_staff", "grid_worker", "department",
      "org",          "volunteer",       "resident"};
  return all;
}

bool isRole(std::string_view role) {
  const auto& all = roles();
  return std::find(all.begin(), all.end(), role) != all.end();
}

bool allowed(std::string_view role, std::string_view action) {
  for (const Rule& r : permissionTable())
    if (r.role == role && r.action == action) return true;
  return false;
}

std::vector<std::string> actionsOf(std::string_view role) {
  std::vector<std::string> out;
  for (const Rule& r : permissionTable())
    if (r.role == role) out.emplace_back(r.action);
  return out;
}

int roleRank(std::string_view role) {
  const auto& all = roles();
  auto it = std::find(all.begin(), all.end(), role);
  return it == all.end() ? -1 : static_cast<int>(all.end() - it);
}

bool roleTakesScope(std::string_view role, ScopeKind kind) {
  if (role == "street_admin" || role == "department" || role == "org")
    return kind == ScopeKind::kStreet;
  if (role == "community_admin" || role == "community_staff") return kind == ScopeKind::kCommunity;
  if (role == "grid_worker" || role == "resident") return kind == ScopeKind::kGrid;
  if (role == "volunteer") return kind == ScopeKind::kCommunity || kind == ScopeKind::kGrid;
  return false;
}

Status require(const Caller& caller, std::string_view action) {
  if (!caller.principal) return Status(Code::kUnauthenticated, "login required");
  if (!allowed(caller.principal->role, action))
    return permissionDenied("role " + caller.principal->role + " may not " + std::string(action));
  return Status::Ok();
}

}  // namespace linli::auth
