// Workload: each person's open requests (a running count and age sum per
// assignee), their overdue ones, and leave.
#include "requests/repo.h"
#include "requests/repo_rows.h"

namespace linli::requests::repo {

using storage::Row;
using storage::Value;

Result<std::vector<Load>> openLoad(storage::Tx& tx, const std::vector<int64_t>& users, TimeMs now) {
  std::vector<Load> out;
  for (int64_t id : users) {
    LINLI_ASSIGN_OR_RETURN(
        auto rows, tx.query("SELECT open, created_sum FROM assignee_load WHERE user_id = ?", {id}));
    const int64_t open = rows.empty() ? 0 : rows.front().i64(0);
    const int64_t created_sum = rows.empty() ? 0 : rows.front().i64(1);
    out.push_back({id, open, open * now - created_sum});
  }
  return out;
}

Status adjustLoad(storage::Tx& tx, int64_t user_id, int delta, TimeMs created_at) {
  return tx
      .exec(
          "INSERT INTO assignee_load (user_id, open, created_sum) VALUES (?, ?, ?) "
          "ON CONFLICT (user_id) DO UPDATE SET open = assignee_load.open + excluded.open, "
          "created_sum = assignee_load.created_sum + excluded.created_sum",
          {user_id, int64_t{delta}, delta * created_at})
      .status();
}

Result<std::map<int64_t, Leave>> leaves(storage::Tx& tx, const std::vector<int64_t>& users) {
  std::map<int64_t, Leave> out;
  for (int64_t id : users) {
    LINLI_ASSIGN_OR_RETURN(
        auto rows,
        tx.query("SELECT starts_on, ends_on, note FROM staff_leave WHERE user_id = ?", {id}));
    if (rows.empty()) continue;
    auto from = parseDate(rows.front().str(0));
    auto until = parseDate(rows.front().str(1));
    if (from && until) out[id] = Leave{*from, *until, rows.front().str(2)};
  }
  return out;
}

Status setLeave(storage::Tx& tx, int64_t user_id, const Leave& l, int64_t by, TimeMs at) {
  return tx
      .exec(
          "INSERT INTO staff_leave (user_id, starts_on, ends_on, note, set_by, set_at) VALUES "
          "(?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET starts_on = excluded.starts_on, "
          "ends_on = excluded.ends_on, note = excluded.note, set_by = excluded.set_by, "
          "set_at = excluded.set_at",
          {user_id, formatDate(l.from), formatDate(l.until), l.note, by, at})
      .status();
}

Status endLeave(storage::Tx& tx, int64_t user_id) {
  return tx.exec("DELETE FROM staff_leave WHERE user_id = ?", {user_id}).status();
}

Result<int64_t> overdueCount(storage::Tx& tx, int64_t user_id, TimeMs now) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query(std::string("SELECT COUNT(*) FROM requests WHERE assignee_id = ? AND "
                                      "status IN ") +
                              kOpenStatuses + " AND paused_at IS NULL AND resolve_due < ?",
                          {user_id, now}));
  return rows.front().i64(0);
}

Result<std::vector<int64_t>> openRequestsOf(storage::Tx& tx, int64_t user_id) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(std::string("SELECT id FROM requests WHERE assignee_id = ? AND status IN ") +
                   kOpenStatuses + " ORDER BY resolve_due",
               {user_id}));
  std::vector<int64_t> out;
  for (const Row& r : rows) out.push_back(r.i64(0));
  return out;
}

}  // namespace linli::requests::repo
