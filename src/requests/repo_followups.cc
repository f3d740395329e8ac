// Follow-up visits (回访) after low ratings.
#include "requests/repo.h"
#include "requests/repo_rows.h"

namespace linli::requests::repo {

using storage::Row;
using storage::Value;

Status addFollowup(storage::Tx& tx, const Followup& f) {
  return tx
      .exec(
          "INSERT INTO request_followups (request_id, assignee_id, created_at, due_at) VALUES "
          "(?, ?, ?, ?)",
          {f.request_id, storage::optionalValue(f.assignee_id), f.created_at, f.due_at})
      .status();
}

Result<std::vector<Followup>> followups(storage::Tx& tx, const Visibility& v,
                                        std::optional<int64_t> assignee_id, bool open_only) {
  std::string where = "WHERE 1 = 1";
  std::vector<Value> params;
  if (v.place)
    where += inPlaceOrAssigned(*v.place, "f.assignee_id", assignee_id.value_or(0), params);
  if (v.assignee_id || assignee_id) {
    where += " AND f.assignee_id = ?";
    params.emplace_back(v.assignee_id ? *v.assignee_id : *assignee_id);
  }
  if (open_only) where += " AND f.done_at IS NULL";
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         tx.query(std::string(kFollowupSelect) + where +
                                      " ORDER BY f.done_at IS NOT NULL, f.due_at LIMIT 500",
                                  params));
  std::vector<Followup> out;
  for (const Row& r : rows) out.push_back(followupFrom(r));
  return out;
}

Result<std::optional<Followup>> findFollowup(storage::Tx& tx, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         tx.query(std::string(kFollowupSelect) + "WHERE f.id = ?", {id}));
  if (rows.empty()) return std::optional<Followup>();
  return std::optional<Followup>(followupFrom(rows.front()));
}

Status finishFollowup(storage::Tx& tx, int64_t id, TimeMs at, const std::string& note) {
  return tx.exec("UPDATE request_followups SET done_at = ?, note = ? WHERE id = ?", {at, note, id})
      .status();
}

}  // namespace linli::requests::repo
