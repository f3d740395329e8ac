// Reminders door (智能预警): a community worker hears of a problem before a
// resident complains. A daily scan on the durable scheduler finds assets
// whose inspection falls due within the street's lead time (30 days by
// default) and writes one reminder per asset and due date, telling each grid
// worker once (a digest); inspections already overdue are reminded again and
// go to the community admin. The worker confirms a reminder, which sends a
// notice to the residents of the asset's building, and records the
// inspection, which moves the next due date (a year on) and closes it.
// Scopes: a reminder is seen by whoever covers its grid.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/access.h"
#include "auth/auth.h"
#include "common/civil_date.h"
#include "module/module.h"
#include "notices/notices.h"
#include "notify/notify.h"
#include "registry/registry.h"
#include "reminders/rules.h"
#include "reports/reports.h"
#include "scheduler/scheduler.h"
#include "storage/db.h"

namespace linli::http {
class Router;
}

namespace linli::reminders {

struct AssetReminder {
  int64_t id = 0, asset_id = 0, building_id = 0;
  std::string asset_name, asset_kind, address, kind;  // kind: due_soon | overdue
  CivilDate due_on;
  TimeMs created_at = 0;
  std::optional<TimeMs> confirmed_at;
  std::optional<int64_t> notice_id;
  bool done = false;  // the inspection was recorded (the asset's next date moved)
};

struct ScanReport {
  int64_t due_soon = 0, overdue = 0, told = 0;  // reminders written, people told
};

class ReminderService {
 public:
  ReminderService(storage::Db& db, const Clock& clock, auth::AuthService& auth,
                  registry::Registry& registry, notify::NotificationService& notify,
                  notices::NoticeService& notices, reports::ReportService& reports);

  // The daily scan, in the scheduler's transaction. Idempotent per day.
  Result<ScanReport> scanAssets(storage::Tx& tx);
  // The same scan at once, for a street admin who has just imported assets.
  Result<ScanReport> scanNow(const Caller& caller);
  Result<std::vector<AssetReminder>> list(const Caller& caller, bool open_only,
                                          std::optional<int64_t> asset_id = std::nullopt);
  // Tells the building's residents (a notice) and marks the reminder confirmed.
  Result<AssetReminder> confirm(const Caller& caller, int64_t id, const std::string& message);
  // The inspection took place on `on`: the asset's last date is `on`, the next a year later.
  Result<AssetReminder> recordInspection(const Caller& caller, int64_t id, const CivilDate& on);
  Result<int> leadDays(const Caller& caller);
  Status setLeadDays(const Caller& caller, int days);

  // Admin-defined rules (rule_runs.cc): kept by those who assign work, run
  // daily by the scheduler, each once per period; a run tells the author (a
  // digest naming the residents) or the residents themselves (a notice).
  Result<std::vector<ReminderRule>> rules(const Caller& caller);
  Result<ReminderRule> addRule(const Caller& caller, ReminderRule rule);
  Result<ReminderRule> setRuleActive(const Caller& caller, int64_t id, bool active);
  // How many residents the rule selects for the period around today.
  Result<int64_t> preview(const Caller& caller, int64_t id);
  // The daily job; returns the rules that ran.
  Result<int> runRules();

 private:
  Result<AssetReminder> visible(storage::Tx& tx, const Caller& caller, int64_t id);
  Result<std::vector<int64_t>> selected(const Caller& author, const ReminderRule& r,
                                        const CivilDate& today);
  Result<ReminderRule> visibleRule(const Caller& caller, int64_t id);
  storage::Db& db_;
  const Clock& clock_;
  auth::AuthService& auth_;
  registry::Registry& registry_;
  notify::NotificationService& notify_;
  notices::NoticeService& notices_;
  reports::ReportService& reports_;
};

// The daily scan at 08:00 (+08:00), recurring.
Status registerJobs(scheduler::Scheduler& scheduler, ReminderService& reminders, TimeMs now);
void registerRoutes(http::Router& router, ReminderService& reminders);

// The actions this module checks and which roles hold them (permissions.cc).
std::vector<access::Rule> grants();
// This module as a room of the composition root (module.cc).
module::RoomDef room();

}  // namespace linli::reminders
