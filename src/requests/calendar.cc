// What deadlines are measured and escalated by, per street: the business
// calendar's exceptions (holidays, make-up workdays) and the escalation levels
// (吹哨). Changing a day drops the filing references cached on the old calendar.
#include "access/access.h"
#include "common/civil_date.h"
#include "requests/repo.h"
#include "requests/requests.h"

namespace linli::requests {

Result<std::vector<std::pair<CivilDate, std::string>>> RequestService::businessDays(
    const Caller& caller, int year) {
  LINLI_TRY(access::require(caller, "requests.read"));
  return storage::readResult<std::vector<std::pair<CivilDate, std::string>>>(
      db_,
      [&](storage::Tx& tx) { return repo::businessDays(tx, caller.principal->street_id, year); });
}

Status RequestService::setBusinessDay(const Caller& caller, const CivilDate& date,
                                      const std::string& kind) {
  LINLI_TRY(access::require(caller, "requests.configure"));
  if (kind != "holiday" && kind != "workday" && kind != "normal")
    return invalidArgument("kind", "kind is holiday, workday or normal");
  Status st = db_.write([&](storage::Tx& tx) -> Status {
    LINLI_TRY(repo::setBusinessDay(tx, caller.principal->street_id, date, kind));
    if (!audit_) return Status::Ok();
    return audit_->record(tx, caller,
                          {.action = "requests.calendar",
                           .target_type = "business_day",
                           .target_id = formatDate(date),
                           .detail = {{"kind", kind}}});
  });
  filing_references_.invalidate();
  return st;
}

Result<std::vector<EscalationLevel>> RequestService::escalationLevels(const Caller& caller) {
  LINLI_TRY(access::require(caller, "requests.read"));
  return storage::readResult<std::vector<EscalationLevel>>(
      db_, [&](storage::Tx& tx) { return repo::escalationLevels(tx); });
}

}  // namespace linli::requests
