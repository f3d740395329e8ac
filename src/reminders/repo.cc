#include "reminders/repo.h"

#include <algorithm>

#include "common/civil_date.h"
#include "storage/place_filter.h"

namespace linli::reminders::repo {

using storage::Row;
using storage::Value;

Result<std::vector<DueAsset>> dueWithoutReminder(storage::Tx& tx, const std::string& today,
                                                 bool overdue) {
  // Dates are YYYY-MM-DD text, so they compare as dates. A constant upper bound (the longest
  // lead of any street) keeps this a range scan of assets_next; then each street's own lead.
  std::optional<CivilDate> day = parseDate(today);
  if (!day) return invalidArgument("today", "today is not a date: " + today);
  auto add = [&](int64_t days) { return formatDate(fromDays(toDays(*day) + days)); };
  std::string horizon;
  if (!overdue) {
    LINLI_ASSIGN_OR_RETURN(
        auto longest,
        tx.query("SELECT COALESCE(MAX(asset_lead_days), 0) FROM reminder_settings", {}));
    horizon = add(std::max<int64_t>(30, longest.front().i64(0)));
  }
  const std::string window =
      overdue ? "a.next_inspection < ?1" : "a.next_inspection >= ?1 AND a.next_inspection <= ?3";
  std::vector<Value> params{today, overdue ? "overdue" : "due_soon"};
  if (!overdue) params.emplace_back(horizon);
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT a.id, a.building_id, a.street_id, a.community_id, a.grid_id, a.name, "
               "a.next_inspection, COALESCE(s.asset_lead_days, 30) FROM assets a LEFT JOIN "
               "reminder_settings s ON s.street_id = a.street_id WHERE a.next_inspection IS NOT "
               "NULL AND " +
                   window +
                   " AND NOT EXISTS (SELECT 1 FROM asset_reminders r WHERE r.asset_id = a.id AND "
                   "r.due_on = a.next_inspection AND r.kind = ?2) ORDER BY a.next_inspection, a.id",
               params));
  std::vector<DueAsset> out;
  for (const Row& r : rows) {
    if (!overdue && r.str(6) > add(r.i64(7))) continue;
    out.push_back({r.i64(0), r.i64(1), {r.i64(2), r.optI64(3), r.optI64(4)}, r.str(5), r.str(6)});
  }
  return out;
}

Status insertReminder(storage::Tx& tx, const DueAsset& a, const std::string& kind, TimeMs at) {
  return tx
      .exec(
          "INSERT INTO asset_reminders (asset_id, due_on, kind, street_id, community_id, "
          "grid_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
          {a.id, a.due_on, kind, a.place.street_id, storage::optionalValue(a.place.community_id),
           storage::optionalValue(a.place.grid_id), at})
      .status();
}

Result<std::vector<AssetReminder>> reminders(storage::Tx& tx, const registry::PlacePath& within,
                                             std::optional<int64_t> id, bool open_only,
                                             std::optional<int64_t> asset_id) {
  std::vector<Value> params;
  std::string where =
      storage::placeFilter("r", within.street_id, within.community_id, within.grid_id, params);
  if (id) {
    where += " AND r.id = ?";
    params.emplace_back(*id);
  }
  if (asset_id) {
    where += " AND r.asset_id = ?";
    params.emplace_back(*asset_id);
  }
  if (open_only) where += " AND a.next_inspection = r.due_on";
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT r.id, r.asset_id, a.building_id, a.name, a.kind, b.address, r.kind, "
               "r.due_on, r.created_at, r.confirmed_at, r.notice_id, "
               "COALESCE(a.next_inspection, '') != r.due_on FROM asset_reminders r JOIN assets a "
               "ON a.id = r.asset_id JOIN buildings b ON b.id = a.building_id WHERE " +
                   where + " ORDER BY r.due_on, r.id LIMIT 500",
               params));
  std::vector<AssetReminder> out;
  for (const Row& r : rows)
    out.push_back({.id = r.i64(0),
                   .asset_id = r.i64(1),
                   .building_id = r.i64(2),
                   .asset_name = r.str(3),
                   .asset_kind = r.str(4),
                   .address = r.str(5),
                   .kind = r.str(6),
                   .due_on = parseDate(r.str(7)).value_or(CivilDate{}),
                   .created_at = r.i64(8),
                   .confirmed_at = r.optI64(9),
                   .notice_id = r.optI64(10),
                   .done = r.i64(11) != 0});
  return out;
}

Status markConfirmed(storage::Tx& tx, int64_t id, int64_t by, int64_t notice_id, TimeMs at) {
  return tx
      .exec(
          "UPDATE asset_reminders SET confirmed_at = ?, confirmed_by = ?, notice_id = ? WHERE "
          "id = ?",
          {at, by, notice_id, id})
      .status();
}

Result<std::vector<ReminderRule>> rules(storage::Tx& tx,
                                        const std::optional<registry::PlacePath>& within,
                                        bool active_only) {
  std::vector<Value> params;
  std::string where = within ? storage::placeFilter("", within->street_id, within->community_id,
                                                    within->grid_id, params)
                             : std::string("1 = 1");
  if (active_only) where += " AND active = 1";
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT id, name, condition, report_id, ages, schedule, subject, body, "
                          "recipients, active, created_by FROM reminder_rules WHERE " +
                              where + " ORDER BY id",
                          params));
  std::vector<ReminderRule> out;
  for (const Row& r : rows) {
    auto ages = parseAges(r.str(4));
    out.push_back({.id = r.i64(0),
                   .name = r.str(1),
                   .condition = r.str(2),
                   .report_id = r.optI64(3),
                   .ages = ages.ok() ? *ages : std::vector<int>{},
                   .schedule = r.str(5),
                   .subject = r.str(6),
                   .body = r.str(7),
                   .recipients = r.str(8),
                   .active = r.i64(9) != 0,
                   .created_by = r.i64(10)});
  }
  return out;
}

Result<int64_t> insertRule(storage::Tx& tx, const ReminderRule& r, const registry::PlacePath& at,
                           TimeMs now) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("INSERT INTO reminder_rules (street_id, community_id, grid_id, name, condition, "
               "report_id, ages, schedule, subject, body, recipients, active, created_by, "
               "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
               {at.street_id, storage::optionalValue(at.community_id),
                storage::optionalValue(at.grid_id), r.name, r.condition,
                storage::optionalValue(r.report_id), formatAges(r.ages), r.schedule, r.subject,
                r.body, r.recipients, r.created_by, now}));
  return rows.front().i64(0);
}

Status setRuleActive(storage::Tx& tx, int64_t id, bool active) {
  return tx.exec("UPDATE reminder_rules SET active = ? WHERE id = ?", {int64_t{active}, id})
      .status();
}

Result<bool> insertRun(storage::Tx& tx, int64_t rule_id, const std::string& period, int64_t matched,
                       TimeMs now) {
  LINLI_ASSIGN_OR_RETURN(int64_t n,
                         tx.exec("INSERT INTO reminder_rule_runs (rule_id, period, matched, "
                                 "ran_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                                 {rule_id, period, matched, now}));
  return n > 0;
}

Status setRunNotice(storage::Tx& tx, int64_t rule_id, const std::string& period,
                    int64_t notice_id) {
  return tx
      .exec("UPDATE reminder_rule_runs SET notice_id = ? WHERE rule_id = ? AND period = ?",
            {notice_id, rule_id, period})
      .status();
}

Result<int> leadDays(storage::Tx& tx, int64_t street_id) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT asset_lead_days FROM reminder_settings WHERE street_id = ?", {street_id}));
  return rows.empty() ? 30 : static_cast<int>(rows.front().i64(0));
}

Status setLeadDays(storage::Tx& tx, int64_t street_id, int days) {
  return tx
      .exec(
          "INSERT INTO reminder_settings (street_id, asset_lead_days) VALUES (?, ?) ON CONFLICT "
          "(street_id) DO UPDATE SET asset_lead_days = excluded.asset_lead_days",
          {street_id, int64_t{days}})
      .status();
}

}  // namespace linli::reminders::repo
