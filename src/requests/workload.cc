// Workload (工作量) for those who assign: who is overloaded, who is idle, who
// is away. Leave keeps new work from a person (pickAssignee); a handover moves
// all their open requests to the least-loaded colleagues of the same unit.
#include <algorithm>

#include "access/access.h"
#include "requests/lifecycle.h"
#include "requests/repo.h"
#include "requests/requests.h"

namespace linli::requests {

namespace {
bool onLeave(const std::optional<Leave>& l, const CivilDate& today) {
  return l && l->from <= today && today <= l->until;
}
}  // namespace

Result<Workload> RequestService::workloadOf(storage::Tx& tx, const auth::User& u, TimeMs now) {
  Workload w{
      .user_id = u.id, .display_name = u.display_name, .role = u.role, .scope_name = u.scope_name};
  LINLI_ASSIGN_OR_RETURN(auto load, repo::openLoad(tx, {u.id}, now));
  w.open = load.front().open;
  w.weight = repo::weight(load.front());
  LINLI_ASSIGN_OR_RETURN(w.overdue, repo::overdueCount(tx, u.id, now));
  LINLI_ASSIGN_OR_RETURN(auto away, repo::leaves(tx, {u.id}));
  if (auto l = away.find(u.id); l != away.end()) w.leave = l->second;
  w.on_leave = onLeave(w.leave, dateAt(now));
  return w;
}

Result<std::vector<Workload>> RequestService::workload(const Caller& caller) {
  LINLI_TRY(access::require(caller, "requests.assign"));
  const registry::PlacePath area = access::placeOf(*caller.principal);
  return storage::readResult<std::vector<Workload>>(
      db_, [&](storage::Tx& tx) -> Result<std::vector<Workload>> {
        LINLI_ASSIGN_OR_RETURN(auto people, auth_.usersWithin(tx, area));
        const TimeMs now = clock_.now();
        std::vector<Workload> out;
        for (const auto& u : people) {
          if (!access::allowed(u.role, "requests.handle")) continue;
          LINLI_ASSIGN_OR_RETURN(auto w, workloadOf(tx, u, now));
          out.push_back(std::move(w));
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const Workload& a, const Workload& b) { return a.weight > b.weight; });
        return out;
      });
}

bool RequestService::mayTake(const auth::User& who, const registry::PlacePath& area) {
  if (who.disabled || !access::allowed(who.role, "requests.handle")) return false;
  return who.role == "department" ? who.place.street_id == area.street_id
                                  : access::covers(area, who.place);
}

Result<std::vector<Workload>> RequestService::assignees(const Caller& caller, int64_t id) {
  LINLI_TRY(access::require(caller, "requests.assign"));
  const registry::PlacePath area = access::placeOf(*caller.principal);
  return storage::readResult<std::vector<Workload>>(
      db_, [&](storage::Tx& tx) -> Result<std::vector<Workload>> {
        LINLI_ASSIGN_OR_RETURN(Request r, visible(tx, caller, id));
        if (!handles(caller, r)) return permissionDenied("you may not assign this request");
        LINLI_ASSIGN_OR_RETURN(auto people, auth_.usersWithin(tx, {.street_id = area.street_id}));
        const TimeMs now = clock_.now();
        std::vector<Workload> out;
        for (const auto& u : people) {
          if (!mayTake(u, area)) continue;
          LINLI_ASSIGN_OR_RETURN(auto w, workloadOf(tx, u, now));
          out.push_back(std::move(w));
        }
        std::stable_sort(out.begin(), out.end(), [](const Workload& a, const Workload& b) {
          return a.on_leave != b.on_leave ? !a.on_leave : a.weight < b.weight;
        });
        return out;
      });
}

namespace {
// The person, when the caller may manage their work: someone who handles
// requests inside the caller's area.
Result<auth::User> managed(storage::Tx& tx, auth::AuthService& auth, const Caller& caller,
                           int64_t user_id) {
  LINLI_ASSIGN_OR_RETURN(auto who, auth.userById(tx, user_id));
  const registry::PlacePath area = access::placeOf(*caller.principal);
  if (!who || who->disabled || !access::allowed(who->role, "requests.handle") ||
      !access::covers(area, who->place))
    return notFound("no such person in your area");
  return *who;
}
}  // namespace

Result<Workload> RequestService::setLeave(const Caller& caller, int64_t user_id,
                                          const std::optional<Leave>& leave) {
  LINLI_TRY(access::require(caller, "requests.assign"));
  if (leave && leave->until < leave->from)
    return invalidArgument("until", "the leave ends before it starts");
  auto set = storage::writeResult<Workload>(db_, [&](storage::Tx& tx) -> Result<Workload> {
    LINLI_ASSIGN_OR_RETURN(auto who, managed(tx, auth_, caller, user_id));
    const TimeMs now = clock_.now();
    if (leave)
      LINLI_TRY(repo::setLeave(tx, who.id, *leave, caller.principal->user_id, now));
    else
      LINLI_TRY(repo::endLeave(tx, who.id));
    if (audit_) {
      nlohmann::json detail = {{"user_id", who.id}};
      if (leave) {
        detail["from"] = formatDate(leave->from);
        detail["until"] = formatDate(leave->until);
      }
      LINLI_TRY(audit_->record(tx, caller,
                               {.action = leave ? "requests.leave_set" : "requests.leave_end",
                                .target_type = "user",
                                .target_id = std::to_string(who.id),
                                .detail = detail}));
    }
    return workloadOf(tx, who, now);
  });
  filing_references_.invalidate();  // new requests no longer go to someone on leave
  return set;
}

Result<int> RequestService::handover(const Caller& caller, int64_t user_id) {
  LINLI_TRY(access::require(caller, "requests.assign"));
  return storage::writeResult<int>(db_, [&](storage::Tx& tx) -> Result<int> {
    LINLI_ASSIGN_OR_RETURN(auto who, managed(tx, auth_, caller, user_id));
    LINLI_ASSIGN_OR_RETURN(auto ids, repo::openRequestsOf(tx, who.id));
    const TimeMs now = clock_.now();
    int moved = 0;
    for (int64_t id : ids) {
      LINLI_ASSIGN_OR_RETURN(auto found, repo::findRequest(tx, id));
      if (!found) continue;
      Request& r = *found;
      // Requests of a place go to that place's unit; ones handed over from elsewhere stay put.
      LINLI_ASSIGN_OR_RETURN(auto next, pickAssignee(tx, r.unit, r.place, who.id));
      if (!next) continue;
      r.assignee_id = next->id;
      r.assignee_name = next->display_name;
      if (r.status == "assigned") r.received_at.reset();  // new work for the colleague
      LINLI_TRY(repo::updateRequest(tx, r, now));
      LINLI_TRY(speak(tx, r, LoopStep::kNewWork, caller.principal->user_id));
      LINLI_TRY(repo::adjustLoad(tx, who.id, -1, r.created_at));
      LINLI_TRY(repo::adjustLoad(tx, next->id, +1, r.created_at));
      LINLI_TRY(repo::addEvent(tx,
                               {.at = now,
                                .kind = "assign",
                                .from = r.status,
                                .to = r.status,
                                .actor_id = caller.principal->user_id,
                                .note = who.display_name + " → " + next->display_name},
                               r.id));
      ++moved;
    }
    if (audit_)
      LINLI_TRY(audit_->record(tx, caller,
                               {.action = "requests.handover",
                                .target_type = "user",
                                .target_id = std::to_string(who.id),
                                .detail = {{"moved", moved}, {"open", ids.size()}}}));
    return moved;
  });
}

}  // namespace linli::requests
