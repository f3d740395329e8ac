// The request row: numbering, filing (with its idempotency key), reading one
// or a page of them within a visibility, and writing it back.
#include "requests/repo.h"
#include "requests/repo_rows.h"

namespace linli::requests::repo {

using storage::Row;
using storage::Value;

Result<int64_t> nextSerial(storage::Tx& tx, const std::string& prefix) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query("INSERT INTO request_serials (prefix, last) VALUES (?, 1) "
                          "ON CONFLICT (prefix) DO UPDATE SET last = request_serials.last + 1 "
                          "RETURNING last",
                          {prefix}));
  return rows.front().i64(0);
}

Result<int64_t> insertRequest(storage::Tx& tx, const Request& r, const RequestSecrets& s,
                              const std::optional<std::string>& idempotency_key) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("INSERT INTO requests (number, street_id, community_id, grid_id, building_id, "
               "household_id, address, lat, lng, category_code, priority, status, description, "
               "channel, contact_name, contact_phone_sealed, contact_phone_last4, contact_method, "
               "filed_by, unit, assignee_id, response_due, resolve_due, idempotency_key, "
               "next_escalation_at, received_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
               "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {r.number,
                r.place.street_id,
                storage::optionalValue(r.place.community_id),
                storage::optionalValue(r.place.grid_id),
                storage::optionalValue(r.building_id),
                storage::optionalValue(r.household_id),
                r.address,
                storage::optionalValue(r.lat),
                storage::optionalValue(r.lng),
                storage::optionalValue(r.category),
                r.priority,
                r.status,
                r.description,
                r.channel,
                r.contact_name,
                storage::optionalValue(s.contact_phone_sealed),
                r.contact_phone_last4.empty() ? Value(nullptr) : Value(r.contact_phone_last4),
                r.contact_method,
                storage::optionalValue(r.filed_by),
                r.unit,
                storage::optionalValue(r.assignee_id),
                r.response_due,
                r.resolve_due,
                storage::optionalValue(idempotency_key),
                storage::optionalValue(r.next_escalation_at),
                storage::optionalValue(r.received_at),
                r.created_at,
                r.created_at}));
  return rows.front().i64(0);
}

Result<std::optional<int64_t>> requestByIdempotencyKey(storage::Tx& tx, int64_t filed_by,
                                                       const std::string& key) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT id FROM requests WHERE filed_by = ? AND idempotency_key = ?",
                          {filed_by, key}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows.front().i64(0));
}

Result<std::optional<Request>> findRequest(storage::Tx& tx, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(std::string(kRequestSelect) + "WHERE r.id = ?", {id}));
  if (rows.empty()) return std::optional<Request>();
  return std::optional<Request>(requestFrom(rows.front()));
}

Result<std::optional<std::string>> contactPhoneSealed(storage::Tx& tx, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         tx.query("SELECT contact_phone_sealed FROM requests WHERE id = ?", {id}));
  if (rows.empty() || rows.front().isNull(0)) return std::optional<std::string>();
  return std::optional<std::string>(rows.front().str(0));
}

Status updateRequest(storage::Tx& tx, const Request& r, TimeMs now) {
  return tx
      .exec(
          "UPDATE requests SET status = ?, assignee_id = ?, response_due = ?, resolve_due = ?, "
          "paused_at = ?, rating = ?, rating_comment = ?, resolved_at = ?, closed_at = ?, "
          "escalation_level = ?, next_escalation_at = ?, warned = ?, received_at = ?, updated_at = "
          "? "
          "WHERE id = ?",
          {r.status, storage::optionalValue(r.assignee_id), r.response_due, r.resolve_due,
           storage::optionalValue(r.paused_at),
           r.rating ? Value(int64_t{*r.rating}) : Value(nullptr),
           r.rating ? Value(r.rating_comment) : Value(nullptr),
           storage::optionalValue(r.resolved_at), storage::optionalValue(r.closed_at),
           int64_t{r.escalation_level}, storage::optionalValue(r.next_escalation_at),
           int64_t{r.warned ? 1 : 0}, storage::optionalValue(r.received_at), now, r.id})
      .status();
}

Status touchRequest(storage::Tx& tx, int64_t id, TimeMs now) {
  return tx.exec("UPDATE requests SET updated_at = ? WHERE id = ?", {now, id}).status();
}

Result<RequestPage> listRequests(storage::Tx& tx, const Visibility& v, const RequestQuery& q,
                                 std::optional<int64_t> me, TimeMs now) {
  std::string where = "WHERE 1 = 1";
  std::vector<Value> params;
  // Their place's requests, and whatever was handed to them from elsewhere.
  if (v.place) where += inPlaceOrAssigned(*v.place, "r.assignee_id", me.value_or(0), params);
  if (v.assignee_id) {
    where += " AND r.assignee_id = ?";
    params.emplace_back(*v.assignee_id);
  }
  if (v.filed_by) {
    where += " AND r.filed_by = ?";
    params.emplace_back(*v.filed_by);
  }
  if (q.mine && me) {
    where += " AND (r.assignee_id = ? OR r.filed_by = ?)";
    params.emplace_back(*me);
    params.emplace_back(*me);
  }
  if (q.status) {
    where += " AND r.status = ?";
    params.emplace_back(*q.status);
  }
  if (q.grid_id) {
    where += " AND r.grid_id = ?";
    params.emplace_back(*q.grid_id);
  }
  if (q.overdue) {
    where += std::string(" AND r.status IN ") + kOpenStatuses +
             " AND r.paused_at IS NULL AND r.resolve_due < ?";
    params.emplace_back(now);
  }
  if (q.escalated)
    where += std::string(" AND r.status IN ") + kOpenStatuses + " AND r.escalation_level > 0";
  if (q.awaiting_report_in)
    where += std::string(" AND r.status IN ") + kOpenStatuses + " AND r.escalation_level > 0" +
             kNotReportedIn;
  if (q.unreceived) where += " AND r.status = 'assigned' AND r.received_at IS NULL";
  if (q.community_id) {
    where += " AND r.community_id = ?";
    params.emplace_back(*q.community_id);
  }
  if (q.assignee_id) {
    where += " AND r.assignee_id = ?";
    params.emplace_back(*q.assignee_id);
  }
  if (q.updated_after) {
    where += " AND r.updated_at > ?";
    params.emplace_back(*q.updated_after);
  }
  if (q.category) {
    where += " AND r.category_code = ?";
    params.emplace_back(*q.category);
  }
  if (q.open)
    where += std::string(" AND r.status ") + (*q.open ? "IN " : "NOT IN ") + kOpenStatuses;
  if (q.created_from) {
    where += " AND r.created_at >= ?";
    params.emplace_back(*q.created_from);
  }
  if (q.created_to) {
    where += " AND r.created_at <= ?";
    params.emplace_back(*q.created_to);
  }
  if (!q.ids.empty()) {
    where += " AND r.id IN (?";
    for (size_t i = 1; i < q.ids.size(); ++i) where += ", ?";
    where += ")";
    for (int64_t id : q.ids) params.emplace_back(id);
  }
  if (q.q) {
    where +=
        " AND (r.number LIKE ? ESCAPE '\\' OR r.description LIKE ? ESCAPE '\\' OR "
        "r.address LIKE ? ESCAPE '\\')";
    for (int i = 0; i < 3; ++i) params.emplace_back(storage::likeContains(*q.q));
  }
  LINLI_ASSIGN_OR_RETURN(auto count, tx.query("SELECT COUNT(*) FROM requests r " + where, params));
  params.emplace_back(int64_t{q.page_size});
  params.emplace_back(int64_t{(q.page - 1) * q.page_size});
  // Open requests first, the most urgent deadline first; then the rest, newest first.
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query(std::string(kRequestSelect) + where + " ORDER BY r.status IN " +
                              kOpenStatuses + " DESC, CASE WHEN r.status IN " + kOpenStatuses +
                              " THEN r.resolve_due END, r.id DESC LIMIT ? OFFSET ?",
                          params));
  RequestPage page;
  page.total = count.front().i64(0);
  for (const Row& r : rows) page.items.push_back(requestFrom(r));
  return page;
}

}  // namespace linli::requests::repo
