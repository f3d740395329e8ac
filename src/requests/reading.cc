// Reading requests within scope: staff by place or assignment, departments
// by assignment, residents their own (never internal notes). `detail` is the
// request's page in one transaction with one visibility check.
#include "access/access.h"
#include "requests/internal.h"
#include "requests/lifecycle.h"
#include "requests/repo.h"
#include "requests/requests.h"

namespace linli::requests {

Result<Request> RequestService::get(const Caller& caller, int64_t id) {
  LINLI_TRY(access::require(caller, "requests.read"));
  return storage::readResult<Request>(db_,
                                      [&](storage::Tx& tx) { return visible(tx, caller, id); });
}

Result<std::vector<Event>> RequestService::timeline(const Caller& caller, int64_t id) {
  LINLI_TRY(access::require(caller, "requests.read"));
  return storage::readResult<std::vector<Event>>(
      db_, [&](storage::Tx& tx) -> Result<std::vector<Event>> {
        LINLI_TRY(visible(tx, caller, id).status());
        return repo::events(tx, id, !isResident(caller));
      });
}

Result<RequestDetail> RequestService::detail(const Caller& caller, int64_t id) {
  LINLI_TRY(access::require(caller, "requests.read"));
  return storage::readResult<RequestDetail>(db_, [&](storage::Tx& tx) -> Result<RequestDetail> {
    RequestDetail d;
    LINLI_ASSIGN_OR_RETURN(d.request, visible(tx, caller, id));
    LINLI_ASSIGN_OR_RETURN(d.escalation, repo::currentEscalation(tx, id));
    LINLI_ASSIGN_OR_RETURN(d.possible_duplicates, duplicatesOf(tx, caller, d.request));
    LINLI_ASSIGN_OR_RETURN(d.timeline, repo::events(tx, id, !isResident(caller)));
    LINLI_ASSIGN_OR_RETURN(d.photos, repo::photos(tx, id));
    d.can_add_photo = photoAllowed(caller, d.request, static_cast<int64_t>(d.photos.size())).ok();
    return d;
  });
}

Result<RequestPage> RequestService::list(const Caller& caller, const RequestQuery& q) {
  LINLI_TRY(access::require(caller, "requests.read"));
  const Principal& me = *caller.principal;
  repo::Visibility v;
  if (isResident(caller))
    v.filed_by = me.user_id;
  else if (isDepartment(caller))
    v.assignee_id = me.user_id;
  else
    v.place = access::placeOf(me);
  return storage::readResult<RequestPage>(
      db_, [&](storage::Tx& tx) { return repo::listRequests(tx, v, q, me.user_id, clock_.now()); });
}

bool RequestService::overdue(const Request& r) const {
  return isOpen(r.status) && !r.paused_at && r.resolve_due < clock_.now();
}

}  // namespace linli::requests
