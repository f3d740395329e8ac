#include "scheduler/repo.h"

namespace linli::scheduler::repo {

using storage::Value;

Result<bool> insert(storage::Tx& tx, const std::string& kind, const std::string& key, TimeMs due,
                    const std::string& payload) {
  LINLI_ASSIGN_OR_RETURN(
      int64_t n,
      tx.exec("INSERT INTO jobs (kind, job_key, due_at, run_after, payload, state) "
              "VALUES (?, ?, ?, ?, ?, 'pending') ON CONFLICT (kind, job_key, due_at) DO NOTHING",
              {kind, key, due, due, payload}));
  return n > 0;
}

Result<bool> hasOpen(storage::Tx& tx, const std::string& kind) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT 1 FROM jobs WHERE kind = ? AND state IN ('pending', 'running') LIMIT 1",
               {kind}));
  return !rows.empty();
}

Result<std::optional<Job>> claim(storage::Tx& tx, const std::vector<std::string>& kinds,
                                 const std::string& node, TimeMs now, TimeMs lease_until) {
  if (kinds.empty()) return std::optional<Job>();
  std::string in = "?";
  for (size_t i = 1; i < kinds.size(); ++i) in += ", ?";
  std::vector<Value> params = {node, lease_until};
  for (const auto& k : kinds) params.emplace_back(k);
  params.emplace_back(now);
  params.emplace_back(now);
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = ?, "
               "lease_until = ? WHERE id = (SELECT id FROM jobs WHERE kind IN (" +
                   in +
                   ") AND ((state = 'pending' AND run_after <= ?) OR "
                   "(state = 'running' AND lease_until <= ?)) ORDER BY run_after, id LIMIT 1) "
                   "RETURNING id, kind, job_key, due_at, payload, attempts",
               params));
  if (rows.empty()) return std::optional<Job>();
  const auto& r = rows.front();
  return std::optional<Job>(
      Job{r.i64(0), r.str(1), r.str(2), r.i64(3), r.str(4), static_cast<int>(r.i64(5))});
}

Result<bool> markDone(storage::Tx& tx, int64_t id, const std::string& node, TimeMs now) {
  LINLI_ASSIGN_OR_RETURN(
      int64_t n, tx.exec("UPDATE jobs SET state = 'done', finished_at = ?, lease_until = NULL "
                         "WHERE id = ? AND locked_by = ? AND state = 'running'",
                         {now, id, node}));
  return n > 0;
}

Status markRetry(storage::Tx& tx, int64_t id, const std::string& node, TimeMs run_after,
                 const std::string& error) {
  return tx
      .exec(
          "UPDATE jobs SET state = 'pending', run_after = ?, last_error = ?, lease_until = NULL "
          "WHERE id = ? AND locked_by = ? AND state = 'running'",
          {run_after, error, id, node})
      .status();
}

Status markFailed(storage::Tx& tx, int64_t id, const std::string& node, TimeMs now,
                  const std::string& error) {
  return tx
      .exec(
          "UPDATE jobs SET state = 'failed', finished_at = ?, last_error = ?, lease_until = NULL "
          "WHERE id = ? AND locked_by = ? AND state = 'running'",
          {now, error, id, node})
      .status();
}

}  // namespace linli::scheduler::repo
