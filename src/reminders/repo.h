// Reminders storage port. SQL lives here and nowhere else.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reminders/reminders.h"

namespace linli::reminders::repo {

// An asset whose inspection is due, found by the scan.
struct DueAsset {
  int64_t id = 0, building_id = 0;
  registry::PlacePath place;
  std::string name, due_on;
};
// Assets due on or before their street's lead time from `today` (or, when
// `overdue`, before today) that have no reminder of that kind for that date.
Result<std::vector<DueAsset>> dueWithoutReminder(storage::Tx& tx, const std::string& today,
                                                 bool overdue);
Status insertReminder(storage::Tx& tx, const DueAsset& a, const std::string& kind, TimeMs at);

Result<std::vector<AssetReminder>> reminders(storage::Tx& tx, const registry::PlacePath& within,
                                             std::optional<int64_t> id, bool open_only,
                                             std::optional<int64_t> asset_id = std::nullopt);
Status markConfirmed(storage::Tx& tx, int64_t id, int64_t by, int64_t notice_id, TimeMs at);

// Admin-defined rules within a place (the author's), and their runs.
// (nullopt: every street's, for the daily job)
Result<std::vector<ReminderRule>> rules(storage::Tx& tx,
                                        const std::optional<registry::PlacePath>& within,
                                        bool active_only);
Result<int64_t> insertRule(storage::Tx& tx, const ReminderRule& r, const registry::PlacePath& at,
                           TimeMs now);
Status setRuleActive(storage::Tx& tx, int64_t id, bool active);
// True when this (rule, period) had not run yet.
Result<bool> insertRun(storage::Tx& tx, int64_t rule_id, const std::string& period, int64_t matched,
                       TimeMs now);
Status setRunNotice(storage::Tx& tx, int64_t rule_id, const std::string& period, int64_t notice_id);

Result<int> leadDays(storage::Tx& tx, int64_t street_id);
Status setLeadDays(storage::Tx& tx, int64_t street_id, int days);

}  // namespace linli::reminders::repo
