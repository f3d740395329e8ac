#include <algorithm>
#include <mutex>

#include "access/access.h"
#include "access/roles.h"

namespace linli::access {

namespace {

std::vector<Rule>& table() {
  static std::vector<Rule> rules;
  return rules;
}

bool knownScope(std::string_view scope) {
  for (std::string_view s : {"own", "assigned", "grid", "community", "street"})
    if (s == scope) return true;
  return false;
}

}  // namespace

Status install(const std::vector<Rule>& grants) {
  for (size_t i = 0; i < grants.size(); ++i) {
    const Rule& g = grants[i];
    if (!isRole(g.role)) return invalidArgument("role", "unknown role " + std::string(g.role));
    if (!knownScope(g.scope))
      return invalidArgument(
          "scope", "unknown scope " + std::string(g.scope) + " for " + std::string(g.action));
    for (size_t j = 0; j < i; ++j)
      if (grants[j].role == g.role && grants[j].action == g.action)
        return invalidArgument(
            "action", std::string(g.action) + " granted to " + std::string(g.role) + " twice");
  }
  // Every App in a process installs the same grants; only a change is written,
  // so readers on other threads never see a table being replaced under them.
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  if (table() != grants) table() = grants;
  return Status::Ok();
}

const std::vector<Rule>& permissionTable() { return table(); }

bool allowed(std::string_view role, std::string_view action) {
  for (const Rule& r : table())
    if (r.role == role && r.action == action) return true;
  return false;
}

std::vector<std::string> actionsOf(std::string_view role) {
  std::vector<std::string> out;
  for (const Rule& r : table())
    if (r.role == role) out.emplace_back(r.action);
  return out;
}

Status require(const Caller& caller, std::string_view action) {
  if (!caller.principal) return Status(Code::kUnauthenticated, "login required");
  if (!allowed(caller.principal->role, action))
    return permissionDenied("role " + caller.principal->role + " may not " + std::string(action));
  return Status::Ok();
}

}  // namespace linli::access
