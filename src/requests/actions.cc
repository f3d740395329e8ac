// Acting on a request (actions.h): act() and the page's buttons
// (allowedActions) around one small handler per action, in a table from the
// action's name to its row.
#include "requests/actions.h"

#include <map>

#include "access/access.h"
#include "requests/internal.h"
#include "requests/lifecycle.h"
#include "requests/repo.h"

namespace linli::requests {

namespace {

// ---- who may

bool byFiler(const Standing& s, const Request&) { return s.filer; }
bool byFilerOrHandler(const Standing& s, const Request&) { return s.filer || s.handler; }
bool byHandler(const Standing& s, const Request&) { return s.handler; }
bool byAssigner(const Standing& s, const Request&) { return s.assigner; }
bool byAssignee(const Standing& s, const Request&) { return s.handler && s.assignee; }
bool byCalledHandler(const Standing& s, const Request& r) {
  return s.handler && r.escalation_level > 0 && !r.reported_in;
}
bool byHandlerUnlinked(const Standing& s, const Request& r) { return s.handler && !r.duplicate_of; }

// ---- the handlers

Status needReason(const ActionStep& st) {
  if (st.in.reason.empty()) return invalidArgument("reason", "give a reason");
  return Status::Ok();
}

Status reject(ActionStep& st) {
  LINLI_TRY(needReason(st));
  st.e.note = st.in.reason;
  return Status::Ok();
}

Status decline(ActionStep& st) {
  LINLI_TRY(needReason(st));
  LINLI_ASSIGN_OR_RETURN(auto back, st.declineTarget());
  if (!back) return conflict("nobody to hand it back to; add a note instead", "action");
  st.r.assignee_id = back->id;
  st.r.assignee_name = back->display_name;
  st.r.received_at.reset();  // new work for whoever it goes back to
  st.e.note = back->display_name + "：" + st.in.reason;
  return Status::Ok();
}

Status note(ActionStep& st) {
  if (st.in.note.empty()) return invalidArgument("note", "the note is empty");
  st.e.internal = st.in.internal && st.handles();
  return Status::Ok();
}

Status assign(ActionStep& st) {
  if (!st.in.assignee_id) return invalidArgument("assignee_id", "choose who takes it");
  LINLI_ASSIGN_OR_RETURN(auto who, st.auth().userById(st.tx, *st.in.assignee_id));
  if (!who || !RequestService::mayTake(*who, access::placeOf(*st.caller.principal)))
    return invalidArgument("assignee_id", "that person cannot take this request");
  if (st.r.assignee_id != who->id) st.r.received_at.reset();
  st.r.assignee_id = who->id;
  st.r.assignee_name = who->display_name;
  st.e.note = who->display_name + (st.in.note.empty() ? "" : "：" + st.in.note);
  return Status::Ok();
}

Status rate(ActionStep& st) {
  if (!st.in.rating || *st.in.rating < 1 || *st.in.rating > 5)
    return invalidArgument("rating", "rate from 1 to 5");
  st.r.rating = *st.in.rating;
  st.r.rating_comment = st.in.comment;
  st.e.note =
      std::to_string(*st.in.rating) + "★" + (st.in.comment.empty() ? "" : " " + st.in.comment);
  return Status::Ok();
}

// A low rating: someone from the community goes back and listens (回访).
Status rated(ActionStep& st) {
  if (*st.r.rating > st.loop().low_rating) return Status::Ok();
  return st.planFollowup();
}

Status notReceivedYet(const Request& r) {
  if (r.received_at) return conflict("this request is already marked received", "action");
  return Status::Ok();
}

// 签收 meets the response deadline; starting work counts as receiving it.
Status receive(ActionStep& st) {
  if (!st.r.received_at) st.r.received_at = st.now;
  return Status::Ok();
}

Status wait(ActionStep& st) {
  st.r.paused_at = st.now;
  return Status::Ok();
}

Status resume(ActionStep& st) {
  Request& r = st.r;
  if (!r.paused_at) return Status::Ok();
  // The clock stood still: each deadline keeps the working time it had left.
  LINLI_ASSIGN_OR_RETURN(auto cal, repo::calendar(st.tx, r.place.street_id));
  auto shift = [&](TimeMs due) { return cal.add(st.now, cal.between(*r.paused_at, due)); };
  r.response_due = shift(r.response_due);
  r.resolve_due = shift(r.resolve_due);
  if (r.next_escalation_at) r.next_escalation_at = shift(*r.next_escalation_at);
  r.paused_at.reset();
  return Status::Ok();
}

Status rescheduled(ActionStep& st) { return st.scheduleDeadlines(); }

Status resolve(ActionStep& st) {
  if (st.in.note.empty()) return invalidArgument("note", "say how it was resolved");
  st.r.resolved_at = st.now;
  return Status::Ok();
}

// Unrated, it closes by itself after LoopOptions::auto_close_days.
Status resolved(ActionStep& st) {
  if (!st.scheduler()) return Status::Ok();
  return st.scheduler()
      ->schedule(st.tx, kAutoCloseJob, std::to_string(st.r.id),
                 st.now + st.loop().auto_close_days * kDayMs)
      .status();
}

Status reopen(ActionStep& st) {
  LINLI_TRY(needReason(st));
  st.e.note = st.in.reason;
  Request& r = st.r;
  const TimeMs ended = r.closed_at.value_or(r.resolved_at.value_or(st.now));
  const int days = st.loop().reopen_days;
  if (st.now > ended + days * kDayMs)
    return conflict("a request can be reopened within " + std::to_string(days) +
                        " days of its end; please file a new one",
                    "action");
  // A fresh resolution window and no escalation yet.
  LINLI_ASSIGN_OR_RETURN(auto cal, repo::calendar(st.tx, r.place.street_id));
  int hours = 120;
  if (r.category) {
    LINLI_ASSIGN_OR_RETURN(auto cat, repo::findCategory(st.tx, *r.category));
    if (cat) hours = cat->resolve_hours;
  }
  r.resolve_due = cal.add(st.now, hours * kHourMs);
  r.escalation_level = 0;
  r.escalation_color.clear();
  r.next_escalation_at = r.resolve_due;
  r.warned = false;
  r.resolved_at.reset();
  r.closed_at.reset();
  r.received_at.reset();
  return Status::Ok();
}

Status categorize(ActionStep& st) {
  if (!st.in.category) return invalidArgument("category", "choose the right category");
  LINLI_ASSIGN_OR_RETURN(auto cat, repo::findCategory(st.tx, *st.in.category));
  if (!cat) return invalidArgument("category", "no such category: " + *st.in.category);
  st.e.note = (st.r.category_name.empty() ? "未分类" : st.r.category_name) + " → " + cat->name;
  st.r.category = cat->code;
  st.r.category_name = cat->name;
  return repo::setCategory(st.tx, st.r.id, cat->code);
}

Status link(ActionStep& st) {
  if (!st.in.duplicate_of || *st.in.duplicate_of == st.r.id)
    return invalidArgument("duplicate_of", "choose the request this one repeats");
  auto first = st.visible(*st.in.duplicate_of);
  if (!first.ok() || !isOpen(first->status) || first->duplicate_of)
    return invalidArgument("duplicate_of", "no such open request to link to");
  LINLI_TRY(repo::setDuplicateOf(st.tx, st.r.id, first->id));
  st.r.duplicate_of = first->id;
  st.e.note = first->number;
  return Status::Ok();
}

Status notReportedYet(const Request& r) {
  if (r.reported_in) return conflict("the report-in for this level is already recorded", "action");
  return Status::Ok();
}

Status reportIn(ActionStep& st) {
  LINLI_ASSIGN_OR_RETURN(auto current, repo::currentEscalation(st.tx, st.r.id));
  if (!current || current->reported_at)
    return conflict("nobody is waiting for a report-in on this request", "action");
  LINLI_TRY(repo::markReportedIn(st.tx, current->id, st.now, st.caller.principal->user_id));
  st.r.reported_in = true;
  st.e.note = current->called + (st.in.note.empty() ? "" : "：" + st.in.note);
  return Status::Ok();
}

// The loop speaks: who hears of the action just taken (loop_messages.cc).
Status tellLoop(ActionStep& st, std::string_view action, std::optional<int64_t> had_assignee,
                bool was_received) {
  using S = LoopStep;
  if (action == "assign" && st.r.assignee_id != had_assignee) return st.speak(S::kNewWork);
  if (action == "decline") {
    LINLI_ASSIGN_OR_RETURN(auto me, st.auth().userById(st.tx, st.caller.principal->user_id));
    return st.speak(S::kHandedBack,
                    {{"actor", me ? me->display_name : ""}, {"reason", st.in.reason}});
  }
  if (action == "receive" || (action == "start" && !was_received)) return st.speak(S::kReceived);
  if (action == "resolve") return st.speak(S::kResolved, {{"note", st.in.note}});
  if (action == "close") return st.speak(S::kClosed);
  if (action == "reopen") return st.speak(S::kReopened, {{"reason", st.in.reason}});
  if (action == "rate" && st.r.rating && *st.r.rating <= st.loop().low_rating)
    return st.speak(S::kRatedLow,
                    {{"rating", std::to_string(*st.r.rating)}, {"comment", st.in.comment}});
  return Status::Ok();
}

const std::map<std::string_view, ActionRule>& rules() {
  static const std::map<std::string_view, ActionRule> table = {
      {"accept", {.may = byHandler}},
      {"assign", {.may = byAssigner, .apply = assign}},
      {"receive", {.may = byAssignee, .ready = notReceivedYet, .apply = receive}},
      {"start", {.may = byHandler, .apply = receive}},
      {"decline", {.may = byAssignee, .apply = decline}},
      {"wait", {.may = byHandler, .apply = wait}},
      {"resume", {.may = byHandler, .apply = resume, .after = rescheduled}},
      {"resolve", {.may = byHandler, .apply = resolve, .after = resolved}},
      {"close", {.may = byHandler}},
      {"rate", {.may = byFiler, .apply = rate, .after = rated}},
      {"reject", {.may = byHandler, .apply = reject}},
      {"cancel", {.may = byFilerOrHandler}},
      {"reopen", {.may = byFiler, .apply = reopen, .after = rescheduled}},
      {"note", {.may = byFilerOrHandler, .apply = note}},
      {"report_in", {.may = byCalledHandler, .ready = notReportedYet, .apply = reportIn}},
      {"categorize", {.may = byHandler, .apply = categorize, .teaches = true}},
      {"link", {.may = byHandlerUnlinked, .apply = link}},
  };
  return table;
}

Standing standing(const Caller& caller, const Request& r, bool handler) {
  const Principal& me = *caller.principal;
  return {.filer = r.filed_by == me.user_id,
          .handler = handler,
          .assigner = handler && access::allowed(me.role, "requests.assign"),
          .assignee = r.assignee_id == me.user_id};
}

}  // namespace

const ActionRule* actionRule(std::string_view action) {
  auto it = rules().find(action);
  return it == rules().end() ? nullptr : &it->second;
}

Result<std::optional<auth::User>> ActionStep::declineTarget() const {
  const int64_t me = caller.principal->user_id;
  LINLI_ASSIGN_OR_RETURN(auto by, repo::lastAssigner(tx, r.id, me));
  if (by) {
    LINLI_ASSIGN_OR_RETURN(auto who, service.auth_.userById(tx, *by));
    if (who && !who->disabled && access::allowed(who->role, "requests.handle")) return who;
  }
  return service.pickAssignee(tx, "community", r.place, me);
}

std::vector<std::string> RequestService::allowedActions(const Caller& caller,
                                                        const Request& r) const {
  std::vector<std::string> out;
  if (!caller.principal) return out;
  const Standing who = standing(caller, r, handles(caller, r));
  for (auto action : actions()) {
    const ActionRule* rule = actionRule(action);
    if (rule && nextStatus(r.status, action) && rule->may(who, r)) out.emplace_back(action);
  }
  return out;
}

Result<Request> RequestService::act(const Caller& caller, int64_t id, const std::string& action,
                                    const ActionInput& in) {
  LINLI_TRY(access::require(caller, "requests.read"));
  const ActionRule* rule = actionRule(action);
  if (!rule) return invalidArgument("action", "unknown action " + action);
  auto acted = storage::writeResult<Request>(db_, [&](storage::Tx& tx) -> Result<Request> {
    LINLI_ASSIGN_OR_RETURN(Request r, visible(tx, caller, id));
    const std::optional<int64_t> had_assignee = r.assignee_id;
    const bool was_open = isOpen(r.status), was_received = r.received_at.has_value();
    auto next = nextStatus(r.status, action);
    if (!next) return conflict("cannot " + action + " a request that is " + r.status, "action");
    if (rule->ready) LINLI_TRY(rule->ready(r));
    if (!rule->may(standing(caller, r, handles(caller, r)), r))
      return permissionDenied("you may not " + action + " this request");
    const TimeMs now = clock_.now();
    Event e{.at = now,
            .kind = action,
            .from = r.status,
            .to = *next,
            .actor_id = caller.principal->user_id,
            .note = in.note};
    ActionStep step{*this, tx, caller, in, r, e, now};
    if (rule->apply) LINLI_TRY(rule->apply(step));
    if (*next == "closed") r.closed_at = now;
    r.status = *next;
    LINLI_TRY(repo::updateRequest(tx, r, now));
    // Keep each person's open work right: it left the old hands, or the work ended or began again.
    const bool is_open = isOpen(r.status);
    if (had_assignee && was_open && (!is_open || r.assignee_id != had_assignee))
      LINLI_TRY(repo::adjustLoad(tx, *had_assignee, -1, r.created_at));
    if (r.assignee_id && is_open && (!was_open || r.assignee_id != had_assignee))
      LINLI_TRY(repo::adjustLoad(tx, *r.assignee_id, +1, r.created_at));
    LINLI_TRY(repo::addEvent(tx, e, r.id));
    if (r.status == "resolved" || r.status == "closed") LINLI_TRY(settleDuplicates(tx, r, now));
    if (rule->after) LINLI_TRY(rule->after(step));
    LINLI_TRY(tellLoop(step, action, had_assignee, was_received));
    if (audit_)
      LINLI_TRY(audit_->record(tx, caller,
                               {.action = "requests." + action,
                                .target_type = "request",
                                .target_id = std::to_string(r.id),
                                .detail = {{"from", *e.from}, {"to", r.status}}}));
    return r;
  });
  // A correction teaches the classifier.
  if (acted.ok() && rule->teaches) learn(acted->description, acted->category, acted->priority);
  return acted;
}

}  // namespace linli::requests
