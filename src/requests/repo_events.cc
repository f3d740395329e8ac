// A request's timeline: events appended, read in order (internal notes only
// for staff), and who last handed the request over.
#include "requests/repo.h"
#include "requests/repo_rows.h"

namespace linli::requests::repo {

using storage::Row;
using storage::Value;

Status addEvent(storage::Tx& tx, const Event& e, int64_t request_id) {
  return addEvents(tx, {e}, request_id);
}

Status addEvents(storage::Tx& tx, const std::vector<Event>& events, int64_t request_id) {
  if (events.empty()) return Status::Ok();
  std::string sql =
      "INSERT INTO request_events (request_id, at, kind, from_status, to_status, actor_id, note, "
      "internal) VALUES ";
  std::vector<Value> params;
  for (const Event& e : events) {
    sql += params.empty() ? "(?, ?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?, ?)";
    for (Value v : {Value(request_id), Value(e.at), Value(e.kind), storage::optionalValue(e.from),
                    storage::optionalValue(e.to), storage::optionalValue(e.actor_id), Value(e.note),
                    Value(int64_t{e.internal ? 1 : 0})})
      params.push_back(std::move(v));
  }
  return tx.exec(sql, params).status();
}

Result<std::vector<Event>> events(storage::Tx& tx, int64_t request_id, bool with_internal) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT e.id, e.at, e.kind, e.from_status, e.to_status, e.actor_id, "
               "COALESCE(u.display_name, ''), e.note, e.internal FROM request_events e "
               "LEFT JOIN users u ON u.id = e.actor_id WHERE e.request_id = ? " +
                   std::string(with_internal ? "" : "AND e.internal = 0 ") + "ORDER BY e.id",
               {request_id}));
  std::vector<Event> out;
  for (const Row& r : rows) {
    Event e;
    e.id = r.i64(0);
    e.at = r.i64(1);
    e.kind = r.str(2);
    if (!r.isNull(3)) e.from = r.str(3);
    if (!r.isNull(4)) e.to = r.str(4);
    e.actor_id = r.optI64(5);
    e.actor_name = r.str(6);
    e.note = r.str(7);
    e.internal = r.i64(8) != 0;
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::optional<int64_t>> lastAssigner(storage::Tx& tx, int64_t request_id, int64_t except) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT actor_id FROM request_events WHERE request_id = ? AND kind = "
                          "'assign' AND actor_id IS NOT NULL AND actor_id != ? ORDER BY id DESC "
                          "LIMIT 1",
                          {request_id, except}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows.front().i64(0));
}

}  // namespace linli::requests::repo
