#include "audit/repo.h"

#include "storage/place_filter.h"

namespace linli::audit::repo {

using storage::Value;

Status insert(storage::Tx& tx, const Row& r) {
  return tx
      .exec(
          "INSERT INTO audit_log (at, actor_id, actor_username, street_id, community_id, grid_id, "
          "action, target_type, target_id, outcome, detail, ip, request_id) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {r.at, storage::optionalValue(r.actor_id), r.actor_username,
           r.street_id ? Value(r.street_id) : Value(nullptr),
           storage::optionalValue(r.community_id), storage::optionalValue(r.grid_id), r.action,
           r.target_type, r.target_id, r.outcome, r.detail, r.ip, r.request_id})
      .status();
}

Result<std::pair<std::vector<storage::Row>, int64_t>> page(storage::Tx& tx, const Principal& viewer,
                                                           const Filter& f) {
  std::vector<Value> params;
  // Street level also sees events tied to no place (unknown usernames).
  std::string where = storage::placeFilter("", viewer.street_id, viewer.community_id,
                                           viewer.grid_id, params, /*include_unplaced=*/true);
  auto add = [&](const char* clause, Value v) {
    where += std::string(" AND ") + clause;
    params.push_back(std::move(v));
  };
  if (f.actor) add("actor_username = ?", *f.actor);
  if (f.action) add("action = ?", *f.action);
  if (f.target_type) add("target_type = ?", *f.target_type);
  if (f.outcome) add("outcome = ?", *f.outcome);
  if (f.from) add("at >= ?", *f.from);
  if (f.to) add("at < ?", *f.to);

  LINLI_ASSIGN_OR_RETURN(auto count,
                         tx.query("SELECT COUNT(*) FROM audit_log WHERE " + where, params));
  params.emplace_back(int64_t{f.page_size});
  params.emplace_back(int64_t{f.page - 1} * f.page_size);
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT id, at, actor_id, actor_username, action, target_type, target_id, outcome, "
               "detail, ip, request_id FROM audit_log WHERE " +
                   where + " ORDER BY id DESC LIMIT ? OFFSET ?",
               params));
  return std::make_pair(std::move(rows), count.front().i64(0));
}

}  // namespace linli::audit::repo
