// Asset reminders: the daily scan, the worker's list, confirming (a notice to
// the building) and recording the inspection.
#include <map>

#include "access/access.h"
#include "reminders/reminders.h"
#include "reminders/repo.h"

namespace linli::reminders {

namespace {
CivilDate yearAfter(const CivilDate& d) {
  CivilDate n{d.year + 1, d.month, d.day};
  n.day = std::min(n.day, daysInMonth(n.year, n.month));  // 29 February → 28 February
  return n;
}
}  // namespace

ReminderService::ReminderService(storage::Db& db, const Clock& clock, auth::AuthService& auth,
                                 registry::Registry& registry, notify::NotificationService& notify,
                                 notices::NoticeService& notices, reports::ReportService& reports)
    : db_(db),
      clock_(clock),
      auth_(auth),
      registry_(registry),
      notify_(notify),
      notices_(notices),
      reports_(reports) {}

Result<ScanReport> ReminderService::scanAssets(storage::Tx& tx) {
  const TimeMs now = clock_.now();
  const std::string today = formatDate(dateAt(now));
  ScanReport report;
  for (bool overdue : {false, true}) {
    LINLI_ASSIGN_OR_RETURN(auto due, repo::dueWithoutReminder(tx, today, overdue));
    // One digest per place: the grid's workers, or (overdue) the community's admins.
    std::map<std::pair<int64_t, int64_t>, std::vector<const repo::DueAsset*>> by_place;
    for (const auto& a : due) {
      LINLI_TRY(repo::insertReminder(tx, a, overdue ? "overdue" : "due_soon", now));
      const int64_t key = overdue ? a.place.community_id.value_or(0) : a.place.grid_id.value_or(0);
      by_place[{a.place.street_id, key}].push_back(&a);
    }
    (overdue ? report.overdue : report.due_soon) = static_cast<int64_t>(due.size());
    for (const auto& [where, assets] : by_place) {
      registry::PlacePath place = assets.front()->place;
      if (overdue) place.grid_id.reset();
      LINLI_ASSIGN_OR_RETURN(auto people,
                             auth_.staffAt(tx, overdue ? "community_admin" : "grid_worker", place));
      LINLI_ASSIGN_OR_RETURN(int lead, repo::leadDays(tx, place.street_id));
      const notify::Vars vars = {{"count", std::to_string(assets.size())},
                                 {"days", std::to_string(lead)},
                                 {"first", assets.front()->name},
                                 {"due", assets.front()->due_on}};
      for (const auto& u : people) {
        LINLI_TRY(notify_.toUser(tx, u.id, overdue ? "assets.overdue" : "assets.due_soon", vars,
                                 "/reminders", overdue));
        ++report.told;
      }
    }
  }
  return report;
}

Result<ScanReport> ReminderService::scanNow(const Caller& caller) {
  LINLI_TRY(access::require(caller, "reminders.configure"));
  return storage::writeResult<ScanReport>(db_, [&](storage::Tx& tx) { return scanAssets(tx); });
}

Result<std::vector<AssetReminder>> ReminderService::list(const Caller& caller, bool open_only,
                                                         std::optional<int64_t> asset_id) {
  LINLI_TRY(access::require(caller, "reminders.read"));
  return storage::readResult<std::vector<AssetReminder>>(db_, [&](storage::Tx& tx) {
    return repo::reminders(tx, access::placeOf(*caller.principal), std::nullopt, open_only,
                           asset_id);
  });
}

Result<AssetReminder> ReminderService::visible(storage::Tx& tx, const Caller& caller, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto found,
                         repo::reminders(tx, access::placeOf(*caller.principal), id, false));
  if (found.empty()) return notFound("no such reminder");
  return std::move(found.front());
}

Result<AssetReminder> ReminderService::confirm(const Caller& caller, int64_t id,
                                               const std::string& message) {
  LINLI_TRY(access::require(caller, "reminders.confirm"));
  LINLI_ASSIGN_OR_RETURN(auto r, (storage::readResult<AssetReminder>(db_, [&](storage::Tx& tx) {
                           return visible(tx, caller, id);
                         })));
  const notices::Audience audience{.building_ids = {r.building_id}};
  LINLI_ASSIGN_OR_RETURN(auto residents, notices_.residentsOf(caller, audience));
  return storage::writeResult<AssetReminder>(db_, [&](storage::Tx& tx) -> Result<AssetReminder> {
    LINLI_ASSIGN_OR_RETURN(AssetReminder now, visible(tx, caller, id));
    if (now.confirmed_at) return conflict("the residents were already told", "action");
    if (now.done) return conflict("the inspection is already recorded", "action");
    const std::string body = message.empty()
                                 ? r.address + "的" + r.asset_name + "将于" + formatDate(r.due_on) +
                                       "前进行检验，届时可能暂停使用，请提前安排。"
                                 : message;
    LINLI_ASSIGN_OR_RETURN(auto notice, notices_.queueNotice(tx, caller, r.asset_name + "检验通知",
                                                             body, residents, audience, false));
    LINLI_TRY(repo::markConfirmed(tx, id, caller.principal->user_id, notice.id, clock_.now()));
    return visible(tx, caller, id);
  });
}

Result<AssetReminder> ReminderService::recordInspection(const Caller& caller, int64_t id,
                                                        const CivilDate& on) {
  LINLI_TRY(access::require(caller, "reminders.record"));
  if (on > dateAt(clock_.now()))
    return invalidArgument("date", "the inspection lies in the future");
  LINLI_ASSIGN_OR_RETURN(auto r, (storage::readResult<AssetReminder>(db_, [&](storage::Tx& tx) {
                           return visible(tx, caller, id);
                         })));
  registry::AssetInput in;
  in.last_inspection = formatDate(on);
  in.next_inspection = formatDate(yearAfter(on));
  LINLI_TRY(registry_.updateAsset(caller, r.asset_id, in).status());
  return storage::readResult<AssetReminder>(
      db_, [&](storage::Tx& tx) { return visible(tx, caller, id); });
}

Result<int> ReminderService::leadDays(const Caller& caller) {
  LINLI_TRY(access::require(caller, "reminders.read"));
  return storage::readResult<int>(
      db_, [&](storage::Tx& tx) { return repo::leadDays(tx, caller.principal->street_id); });
}

Status ReminderService::setLeadDays(const Caller& caller, int days) {
  LINLI_TRY(access::require(caller, "reminders.configure"));
  if (days < 1 || days > 365) return invalidArgument("asset_lead_days", "from 1 to 365 days");
  return db_.write(
      [&](storage::Tx& tx) { return repo::setLeadDays(tx, caller.principal->street_id, days); });
}

}  // namespace linli::reminders
