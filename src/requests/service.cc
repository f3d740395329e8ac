// What the request use cases share: construction, the public taxonomy, scope
// (who sees and who handles a request) and routing (the least-loaded person of
// a handling unit at a place, nobody on leave). The use cases themselves live
// one concern a file (see requests.h).
#include "access/access.h"
#include "common/civil_date.h"
#include "requests/internal.h"
#include "requests/repo.h"
#include "requests/requests.h"

namespace linli::requests {

namespace {
// The roles that take a unit's work, in order of preference.
std::vector<std::string> rolesFor(const std::string& unit) {
  if (unit == "grid") return {"grid_worker"};
  if (unit == "community") return {"community_staff", "community_admin"};
  return {"department"};
}
}  // namespace

RequestService::RequestService(storage::Db& db, const Clock& clock, registry::Registry& registry,
                               auth::AuthService& auth, const crypto::Keys* keys,
                               audit::AuditLog* audit, scheduler::Scheduler* scheduler,
                               LoopOptions loop)
    : db_(db),
      clock_(clock),
      registry_(registry),
      auth_(auth),
      keys_(keys),
      audit_(audit),
      scheduler_(scheduler),
      loop_(loop) {}

Result<std::vector<Category>> RequestService::categories(const Caller& caller) {
  if (!caller.principal) return Status(Code::kUnauthenticated, "sign in first");
  return publicCategories();
}

Result<std::vector<Category>> RequestService::publicCategories() {
  return storage::readResult<std::vector<Category>>(
      db_, [&](storage::Tx& tx) { return repo::categories(tx); });
}

// ---- scope

bool RequestService::sees(const Caller& caller, const Request& r) const {
  const Principal& me = *caller.principal;
  if (isResident(caller)) return r.filed_by == me.user_id;
  if (isDepartment(caller)) return r.assignee_id == me.user_id;
  return r.assignee_id == me.user_id || access::covers(access::placeOf(me), r.place);
}

Result<Request> RequestService::visible(storage::Tx& tx, const Caller& caller, int64_t id) const {
  LINLI_ASSIGN_OR_RETURN(auto r, repo::findRequest(tx, id));
  if (!r || !sees(caller, *r)) return notFound("request not found");
  return *r;
}

bool RequestService::handles(const Caller& caller, const Request& r) const {
  if (!caller.principal || !access::allowed(caller.principal->role, "requests.handle"))
    return false;
  if (r.assignee_id == caller.principal->user_id) return true;
  if (isDepartment(caller)) return false;
  return access::covers(access::placeOf(*caller.principal), r.place);
}

// ---- routing

Result<std::vector<auth::User>> RequestService::candidates(storage::Tx& tx, const std::string& unit,
                                                           const registry::PlacePath& place,
                                                           std::optional<int64_t> except) {
  registry::PlacePath at = place;
  if (unit != "grid") at.grid_id.reset();
  if (unit == "department") at.community_id.reset();
  if (unit == "grid" && !at.grid_id) return std::vector<auth::User>();
  if (unit == "community" && !at.community_id) return std::vector<auth::User>();
  const CivilDate today = dateAt(clock_.now());
  for (const auto& role : rolesFor(unit)) {
    LINLI_ASSIGN_OR_RETURN(auto staff, auth_.staffAt(tx, role, at));
    std::vector<int64_t> ids;
    for (const auto& u : staff) ids.push_back(u.id);
    LINLI_ASSIGN_OR_RETURN(auto away, repo::leaves(tx, ids));
    std::vector<auth::User> people;
    for (auto& u : staff) {
      auto l = away.find(u.id);
      const bool on_leave = l != away.end() && l->second.from <= today && today <= l->second.until;
      if (!on_leave && u.id != except) people.push_back(std::move(u));
    }
    if (!people.empty()) return people;
  }
  return std::vector<auth::User>();
}

Result<std::optional<auth::User>> RequestService::leastLoaded(
    storage::Tx& tx, const std::vector<auth::User>& people) {
  if (people.empty()) return std::optional<auth::User>();
  std::vector<int64_t> ids;
  for (const auto& u : people) ids.push_back(u.id);
  LINLI_ASSIGN_OR_RETURN(auto load, repo::openLoad(tx, ids, clock_.now()));
  size_t best = 0;
  for (size_t i = 1; i < load.size(); ++i)
    if (repo::weight(load[i]) < repo::weight(load[best])) best = i;
  return std::optional<auth::User>(people[best]);
}

Result<std::optional<auth::User>> RequestService::pickAssignee(storage::Tx& tx,
                                                               const std::string& unit,
                                                               const registry::PlacePath& place,
                                                               std::optional<int64_t> except) {
  LINLI_ASSIGN_OR_RETURN(auto people, candidates(tx, unit, place, except));
  return leastLoaded(tx, people);
}

}  // namespace linli::requests
