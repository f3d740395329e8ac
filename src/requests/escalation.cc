// Scheduled deadline work (jobs.cc runs it in the scheduler's transaction,
// once per due time): the warning before the deadline, each escalation level
// (吹哨: blue, yellow, red) after it with its report-in time, and the automatic
// close of a resolved request nobody rated. Each re-reads the request, so a
// moved deadline, a pause or a finished request makes it a no-op.
#include <algorithm>

#include "requests/internal.h"
#include "requests/lifecycle.h"
#include "requests/repo.h"
#include "requests/requests.h"

namespace linli::requests {

Status RequestService::scheduleDeadlines(storage::Tx& tx, const Request& r) {
  if (!scheduler_) return Status::Ok();
  const TimeMs now = clock_.now();
  const std::string key = std::to_string(r.id);
  // Warn a quarter of the time before the deadline, at most two hours before.
  const TimeMs lead = std::min<TimeMs>(2 * kHourMs, (r.resolve_due - r.created_at) / 4);
  if (!r.warned && r.resolve_due - lead > now)
    LINLI_TRY(scheduler_->schedule(tx, kWarnJob, key, r.resolve_due - lead).status());
  if (r.next_escalation_at)
    LINLI_TRY(
        scheduler_->schedule(tx, kEscalateJob, key, std::max(now, *r.next_escalation_at)).status());
  return Status::Ok();
}

Status RequestService::warnDue(storage::Tx& tx, int64_t request_id) {
  LINLI_ASSIGN_OR_RETURN(auto r, repo::findRequest(tx, request_id));
  const TimeMs now = clock_.now();
  if (!r || !isOpen(r->status) || r->paused_at || r->warned || r->resolve_due <= now)
    return Status::Ok();
  r->warned = true;
  LINLI_TRY(repo::updateRequest(tx, *r, now));
  if (notifier_ && r->assignee_id)
    LINLI_TRY(notifier_->toUser(tx, *r->assignee_id, "requests.warn",
                                {{"number", r->number},
                                 {"category", r->category_name},
                                 {"due", formatIso8601(r->resolve_due)}},
                                "/requests/" + std::to_string(r->id)));
  return repo::addEvent(tx,
                        {.at = now,
                         .kind = "warn",
                         .note = "即将超时：" + formatIso8601(r->resolve_due),
                         .internal = true},
                        r->id);
}

Status RequestService::escalateDue(storage::Tx& tx, int64_t request_id) {
  LINLI_ASSIGN_OR_RETURN(auto found, repo::findRequest(tx, request_id));
  if (!found) return Status::Ok();
  Request& r = *found;
  const TimeMs now = clock_.now();
  // Resolved, paused (resuming schedules again) or no further level: nothing to do.
  if (!isOpen(r.status) || r.paused_at || !r.next_escalation_at) return Status::Ok();
  if (*r.next_escalation_at > now) return scheduleDeadlines(tx, r);  // the deadline moved
  LINLI_ASSIGN_OR_RETURN(auto levels, repo::escalationLevels(tx));
  auto level = std::find_if(levels.begin(), levels.end(), [&](const EscalationLevel& l) {
    return l.level == r.escalation_level + 1;
  });
  if (level == levels.end()) {
    r.next_escalation_at.reset();
    return repo::updateRequest(tx, r, now);
  }
  LINLI_ASSIGN_OR_RETURN(auto cal, repo::calendar(tx, r.place.street_id));
  Escalation e{.level = level->level,
               .color = level->color,
               .called = level->called,
               .at = now,
               .report_in_due = cal.add(now, level->report_in_hours * kHourMs)};
  LINLI_TRY(repo::addEscalation(tx, r.id, e));
  const bool more = std::next(level) != levels.end();
  r.escalation_level = level->level;
  r.escalation_color = level->color;
  r.reported_in = false;
  r.next_escalation_at = more ? std::optional<TimeMs>(e.report_in_due) : std::nullopt;
  LINLI_TRY(repo::updateRequest(tx, r, now));
  LINLI_TRY(
      repo::addEvent(tx, {.at = now, .kind = "escalate", .note = e.color + "：" + e.called}, r.id));
  if (notifier_ && r.assignee_id)  // urgent: also in quiet hours
    LINLI_TRY(notifier_->toUser(tx, *r.assignee_id, "requests.escalated",
                                {{"number", r.number},
                                 {"color", e.color == "blue"     ? "蓝色"
                                           : e.color == "yellow" ? "黄色"
                                           : e.color == "red"    ? "红色"
                                                                 : e.color},
                                 {"called", e.called},
                                 {"report_in_due", formatIso8601(e.report_in_due)}},
                                "/requests/" + std::to_string(r.id), true));
  if (audit_)
    LINLI_TRY(audit_->record(tx, Caller{std::nullopt, "scheduler", "escalation"},
                             {.action = "requests.escalate",
                              .target_type = "request",
                              .target_id = std::to_string(r.id),
                              .detail = {{"level", e.level}, {"color", e.color}},
                              .actor_username = "scheduler",
                              .actor_place = Principal{.street_id = r.place.street_id,
                                                       .community_id = r.place.community_id,
                                                       .grid_id = r.place.grid_id}}));
  return scheduleDeadlines(tx, r);
}

Status RequestService::autoCloseDue(storage::Tx& tx, int64_t request_id) {
  LINLI_ASSIGN_OR_RETURN(auto r, repo::findRequest(tx, request_id));
  const TimeMs now = clock_.now();
  if (!r || r->status != "resolved" || !r->resolved_at ||
      *r->resolved_at + loop_.auto_close_days * kDayMs > now)
    return Status::Ok();  // rated, reopened, or resolved again later
  const std::string from = r->status;
  r->status = "closed";
  r->closed_at = now;
  LINLI_TRY(repo::updateRequest(tx, *r, now));
  LINLI_TRY(repo::addEvent(
      tx,
      {.at = now, .kind = "close", .from = from, .to = "closed", .note = "逾期未评价，自动关闭"},
      r->id));
  LINLI_TRY(speak(tx, *r, LoopStep::kClosed, std::nullopt));
  return settleDuplicates(tx, *r, now);
}

}  // namespace linli::requests
