// Follow-up visits (回访): a low rating plans one for someone of the
// community (else the handler), due within LoopOptions::followup_days; those
// who handle requests list them in their scope and record what they heard.
#include "access/access.h"
#include "requests/internal.h"
#include "requests/repo.h"
#include "requests/requests.h"

namespace linli::requests {

Status RequestService::planFollowup(storage::Tx& tx, const Request& r, TimeMs now) {
  LINLI_ASSIGN_OR_RETURN(auto visitor, pickAssignee(tx, "community", r.place));
  Followup f{.request_id = r.id,
             .assignee_id = visitor ? std::optional(visitor->id) : r.assignee_id,
             .created_at = now,
             .due_at = now + loop_.followup_days * kDayMs};
  LINLI_TRY(repo::addFollowup(tx, f));
  return repo::addEvent(tx,
                        {.at = now,
                         .kind = "followup_planned",
                         .note = visitor ? visitor->display_name : r.assignee_name},
                        r.id);
}

Result<std::vector<Followup>> RequestService::followups(const Caller& caller, bool mine,
                                                        bool open_only) {
  LINLI_TRY(access::require(caller, "requests.handle"));
  const Principal& me = *caller.principal;
  repo::Visibility v;
  if (isDepartment(caller))
    v.assignee_id = me.user_id;
  else
    v.place = access::placeOf(me);
  return storage::readResult<std::vector<Followup>>(db_, [&](storage::Tx& tx) {
    return repo::followups(tx, v, mine ? std::optional(me.user_id) : std::nullopt, open_only);
  });
}

Status RequestService::finishFollowup(const Caller& caller, int64_t followup_id,
                                      const std::string& note) {
  LINLI_TRY(access::require(caller, "requests.handle"));
  if (note.empty()) return invalidArgument("note", "say what the resident told you");
  return db_.write([&](storage::Tx& tx) -> Status {
    LINLI_ASSIGN_OR_RETURN(auto f, repo::findFollowup(tx, followup_id));
    if (!f) return notFound("follow-up not found");
    auto r = visible(tx, caller, f->request_id);
    if (!r.ok() || !handles(caller, *r)) return notFound("follow-up not found");
    if (f->done_at) return conflict("this follow-up was recorded already", "id");
    const TimeMs now = clock_.now();
    LINLI_TRY(repo::finishFollowup(tx, f->id, now, note));
    return repo::addEvent(
        tx, {.at = now, .kind = "followup", .actor_id = caller.principal->user_id, .note = note},
        f->request_id);
  });
}

}  // namespace linli::requests
