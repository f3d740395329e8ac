// The loop speaks (issue 14): each step of a request tells whoever must act
// next or is waiting, through the notification service, in the same
// transaction as the step (a message exists exactly when the step does).
#include "requests/internal.h"
#include "requests/repo.h"
#include "requests/requests.h"

namespace linli::requests {

namespace {

// "2026-12-05 18:00" in +08:00: readable in an SMS in either language.
std::string readable(TimeMs t) {
  const std::string iso = formatIso8601(t);
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

const char* handlerCode(LoopStep step) {
  using S = LoopStep;
  switch (step) {
    case S::kNewWork:
      return "requests.assigned";
    case S::kHandedBack:
      return "requests.declined";
    case S::kReopened:
      return "requests.reopened";
    case S::kRatedLow:
      return "requests.rated_low";
    default:
      return nullptr;
  }
}

const char* waitingWhat(LoopStep step) {
  using S = LoopStep;
  switch (step) {
    case S::kReceived:
      return "received";
    case S::kResolved:
      return "resolved";
    case S::kClosed:
      return "closed";
    default:
      return nullptr;
  }
}

}  // namespace

Status RequestService::speak(storage::Tx& tx, const Request& r, LoopStep step,
                             std::optional<int64_t> actor, notify::Vars vars) {
  if (!notifier_) return Status::Ok();
  vars.emplace("number", r.number);
  vars.emplace("category", r.category_name.empty() ? "未分类" : r.category_name);
  vars.emplace("address", r.address);
  vars.emplace("due", readable(r.resolve_due));
  vars.emplace("handler", r.assignee_name);
  vars.emplace("reopen_days", std::to_string(loop_.reopen_days));
  if (const char* code = handlerCode(step)) {
    if (!r.assignee_id || r.assignee_id == actor) return Status::Ok();
    // New work of high priority reaches the handler also in quiet hours.
    const bool urgent =
        step == LoopStep::kNewWork && (r.priority == "high" || r.priority == "urgent");
    return notifier_->toUser(tx, *r.assignee_id, code, vars, "/requests/" + std::to_string(r.id),
                             urgent);
  }
  return tellWaiting(tx, r, waitingWhat(step), actor, vars);
}

// A resident who filed hears it in the app (and as they chose); whoever
// called the hotline, by SMS to the number the worker typed.
Status RequestService::tellWaiting(storage::Tx& tx, const Request& r, const std::string& what,
                                   std::optional<int64_t> actor, const notify::Vars& vars) {
  if (r.filed_by) {
    LINLI_ASSIGN_OR_RETURN(auto filer, auth_.userById(tx, *r.filed_by));
    if (filer && filer->role == "resident") {
      if (filer->id == actor || filer->disabled) return Status::Ok();
      return notifier_->toUser(tx, filer->id, "requests." + what, vars,
                               "/requests/" + std::to_string(r.id));
    }
  }
  if (r.contact_method == "none") return Status::Ok();
  LINLI_ASSIGN_OR_RETURN(auto phone, repo::contactPhoneSealed(tx, r.id));
  if (!phone) return Status::Ok();
  return notifier_->toPhone(tx, *phone, r.contact_phone_last4, "requests.caller." + what, vars);
}

}  // namespace linli::requests
