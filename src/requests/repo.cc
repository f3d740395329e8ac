#include "requests/repo.h"

#include "requests/lifecycle.h"
#include "storage/place_filter.h"

namespace linli::requests::repo {

namespace {
using storage::Row;
using storage::Value;

constexpr const char* kOpenStatuses =
    "('submitted', 'accepted', 'assigned', 'in_progress', 'waiting_on_resident', 'reopened')";

constexpr const char* kSelect =
    "SELECT r.id, r.number, r.status, r.category_code, COALESCE(c.name, ''), r.priority, "
    "r.description, r.channel, r.street_id, r.community_id, r.grid_id, r.building_id, "
    "r.household_id, r.address, r.lat, r.lng, r.contact_name, COALESCE(r.contact_phone_last4, ''), "
    "r.contact_method, r.filed_by, r.assignee_id, COALESCE(u.display_name, ''), r.unit, "
    "r.created_at, r.response_due, r.resolve_due, r.paused_at, r.resolved_at, r.closed_at, "
    "r.rating, COALESCE(r.rating_comment, ''), r.escalation_level, COALESCE(el.color, ''), "
    "r.next_escalation_at, r.warned, r.duplicate_of, r.updated_at, re.reported_at IS NOT NULL "
    "FROM requests r LEFT JOIN request_categories c ON c.code = r.category_code "
    "LEFT JOIN users u ON u.id = r.assignee_id "
    "LEFT JOIN escalation_levels el ON el.level = r.escalation_level "
    "LEFT JOIN request_escalations re ON re.request_id = r.id AND re.level = r.escalation_level ";

std::optional<double> optF64(const Row& row, size_t i) {
  return row.isNull(i) ? std::nullopt : std::optional<double>(row.f64(i));
}

Request requestFrom(const Row& row) {
  Request r;
  r.id = row.i64(0);
  r.number = row.str(1);
  r.status = row.str(2);
  if (!row.isNull(3)) r.category = row.str(3);
  r.category_name = row.str(4);
  r.priority = row.str(5);
  r.description = row.str(6);
  r.channel = row.str(7);
  r.place = {row.i64(8), row.optI64(9), row.optI64(10)};
  r.building_id = row.optI64(11);
  r.household_id = row.optI64(12);
  r.address = row.str(13);
  r.lat = optF64(row, 14);
  r.lng = optF64(row, 15);
  r.contact_name = row.str(16);
  r.contact_phone_last4 = row.str(17);
  r.contact_method = row.str(18);
  r.filed_by = row.optI64(19);
  r.assignee_id = row.optI64(20);
  r.assignee_name = row.str(21);
  r.unit = row.str(22);
  r.created_at = row.i64(23);
  r.response_due = row.i64(24);
  r.resolve_due = row.i64(25);
  r.paused_at = row.optI64(26);
  r.resolved_at = row.optI64(27);
  r.closed_at = row.optI64(28);
  if (!row.isNull(29)) r.rating = static_cast<int>(row.i64(29));
  r.rating_comment = row.str(30);
  r.escalation_level = static_cast<int>(row.i64(31));
  r.escalation_color = row.str(32);
  r.next_escalation_at = row.optI64(33);
  r.warned = row.i64(34) != 0;
  r.duplicate_of = row.optI64(35);
  r.updated_at = row.i64(36);
  r.reported_in = row.i64(37) != 0;
  return r;
}

Category categoryFrom(const Row& row) {
  Category c;
  c.code = row.str(0);
  if (!row.isNull(1)) c.parent = row.str(1);
  c.name = row.str(2);
  c.name_en = row.str(3);
  c.unit = row.str(4);
  c.response_hours = static_cast<int>(row.i64(5));
  c.resolve_hours = static_cast<int>(row.i64(6));
  return c;
}

constexpr const char* kCategorySelect =
    "SELECT code, parent_code, name, name_en, unit, response_hours, resolve_hours "
    "FROM request_categories WHERE active = 1 ";

}  // namespace

Result<std::vector<Category>> categories(storage::Tx& tx) {
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         tx.query(std::string(kCategorySelect) +
                                      "ORDER BY COALESCE(parent_code, code), parent_code IS NOT "
                                      "NULL, code",
                                  {}));
  std::vector<Category> out;
  for (const Row& r : rows) out.push_back(categoryFrom(r));
  return out;
}

Result<std::optional<Category>> findCategory(storage::Tx& tx, const std::string& code) {
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         tx.query(std::string(kCategorySelect) + "AND code = ?", {code}));
  if (rows.empty()) return std::optional<Category>();
  return std::optional<Category>(categoryFrom(rows.front()));
}

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
               "next_escalation_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
               "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
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
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(std::string(kSelect) + "WHERE r.id = ?", {id}));
  if (rows.empty()) return std::optional<Request>();
  return std::optional<Request>(requestFrom(rows.front()));
}

Status updateRequest(storage::Tx& tx, const Request& r, TimeMs now) {
  return tx
      .exec(
          "UPDATE requests SET status = ?, assignee_id = ?, response_due = ?, resolve_due = ?, "
          "paused_at = ?, rating = ?, rating_comment = ?, resolved_at = ?, closed_at = ?, "
          "escalation_level = ?, next_escalation_at = ?, warned = ?, updated_at = ? WHERE id = ?",
          {r.status, storage::optionalValue(r.assignee_id), r.response_due, r.resolve_due,
           storage::optionalValue(r.paused_at),
           r.rating ? Value(int64_t{*r.rating}) : Value(nullptr),
           r.rating ? Value(r.rating_comment) : Value(nullptr),
           storage::optionalValue(r.resolved_at), storage::optionalValue(r.closed_at),
           int64_t{r.escalation_level}, storage::optionalValue(r.next_escalation_at),
           int64_t{r.warned ? 1 : 0}, now, r.id})
      .status();
}

Result<RequestPage> listRequests(storage::Tx& tx, const Visibility& v, const RequestQuery& q,
                                 std::optional<int64_t> me, TimeMs now) {
  std::string where = "WHERE 1 = 1";
  std::vector<Value> params;
  if (v.place) {
    // Their place's requests, and whatever was handed to them from elsewhere.
    where += " AND (" +
             storage::placeFilter("r", v.place->street_id, v.place->community_id, v.place->grid_id,
                                  params) +
             " OR r.assignee_id = ?)";
    params.emplace_back(me.value_or(0));
  }
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
      auto rows, tx.query(std::string(kSelect) + where + " ORDER BY r.status IN " + kOpenStatuses +
                              " DESC, CASE WHEN r.status IN " + kOpenStatuses +
                              " THEN r.resolve_due END, r.id DESC LIMIT ? OFFSET ?",
                          params));
  RequestPage page;
  page.total = count.front().i64(0);
  for (const Row& r : rows) page.items.push_back(requestFrom(r));
  return page;
}

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

Status forEachLabelled(
    storage::Tx& tx,
    const std::function<void(const std::string&, const std::string&, const std::string&)>& fn) {
  int64_t after = 0;
  for (;;) {
    LINLI_ASSIGN_OR_RETURN(auto rows,
                           tx.query("SELECT id, description, category_code, priority FROM requests "
                                    "WHERE category_code IS NOT NULL AND id > ? ORDER BY id "
                                    "LIMIT 5000",
                                    {after}));
    if (rows.empty()) return Status::Ok();
    for (const Row& r : rows) fn(r.str(1), r.str(2), r.str(3));
    after = rows.back().i64(0);
  }
}

Status setCategory(storage::Tx& tx, int64_t id, const std::string& category) {
  return tx.exec("UPDATE requests SET category_code = ? WHERE id = ?", {category, id}).status();
}

Result<std::vector<DuplicateCandidate>> duplicateCandidates(storage::Tx& tx, const Request& r,
                                                            TimeMs since) {
  if (!r.category || (!r.building_id && !(r.lat && r.lng)))
    return std::vector<DuplicateCandidate>();
  // About 100 m: 0.001 degrees of latitude, and of longitude at China's latitudes roughly.
  constexpr double kNear = 0.001;
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(std::string("SELECT id, number FROM requests WHERE category_code = ? AND "
                           "created_at >= ? AND id <> ? AND duplicate_of IS NULL AND status IN ") +
                   kOpenStatuses +
                   " AND ((building_id IS NOT NULL AND building_id = ?) OR (lat BETWEEN ? AND ? "
                   "AND lng BETWEEN ? AND ?)) ORDER BY id LIMIT 5",
               {*r.category, since, r.id, storage::optionalValue(r.building_id),
                r.lat.value_or(1000) - kNear, r.lat.value_or(1000) + kNear,
                r.lng.value_or(1000) - kNear, r.lng.value_or(1000) + kNear}));
  std::vector<DuplicateCandidate> out;
  for (const Row& row : rows) out.push_back({row.i64(0), row.str(1)});
  return out;
}

Status setDuplicateOf(storage::Tx& tx, int64_t id, int64_t of) {
  return tx.exec("UPDATE requests SET duplicate_of = ? WHERE id = ?", {of, id}).status();
}

Result<std::vector<int64_t>> unsettledDuplicatesOf(storage::Tx& tx, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         tx.query("SELECT id FROM requests WHERE duplicate_of = ? AND status NOT "
                                  "IN ('closed', 'rejected', 'cancelled')",
                                  {id}));
  std::vector<int64_t> out;
  for (const Row& row : rows) out.push_back(row.i64(0));
  return out;
}

Status addFollowup(storage::Tx& tx, const Followup& f) {
  return tx
      .exec(
          "INSERT INTO request_followups (request_id, assignee_id, created_at, due_at) VALUES "
          "(?, ?, ?, ?)",
          {f.request_id, storage::optionalValue(f.assignee_id), f.created_at, f.due_at})
      .status();
}

namespace {
constexpr const char* kFollowupSelect =
    "SELECT f.id, f.request_id, r.number, f.assignee_id, f.created_at, f.due_at, f.done_at, "
    "f.note FROM request_followups f JOIN requests r ON r.id = f.request_id ";

Followup followupFrom(const Row& r) {
  return {r.i64(0), r.i64(1), r.str(2), r.optI64(3), r.i64(4), r.i64(5), r.optI64(6), r.str(7)};
}
}  // namespace

Result<std::vector<Followup>> followups(storage::Tx& tx, const Visibility& v,
                                        std::optional<int64_t> assignee_id, bool open_only) {
  std::string where = "WHERE 1 = 1";
  std::vector<Value> params;
  if (v.place) {
    where += " AND (" +
             storage::placeFilter("r", v.place->street_id, v.place->community_id, v.place->grid_id,
                                  params) +
             " OR f.assignee_id = ?)";
    params.emplace_back(assignee_id.value_or(0));
  }
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

Result<BusinessCalendar> calendar(storage::Tx& tx, int64_t street_id) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT date, kind FROM business_days WHERE street_id = ?", {street_id}));
  BusinessCalendar cal;
  for (const Row& r : rows)
    if (auto d = parseDate(r.str(0)))
      cal.set(*d, r.str(1) == "holiday" ? BusinessCalendar::Day::kHoliday
                                        : BusinessCalendar::Day::kWorkday);
  return cal;
}

Result<std::vector<std::pair<CivilDate, std::string>>> businessDays(storage::Tx& tx,
                                                                    int64_t street_id, int year) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT date, kind FROM business_days WHERE street_id = ? AND "
               "date >= ? AND date < ? ORDER BY date",
               {street_id, std::to_string(year) + "-01-01", std::to_string(year + 1) + "-01-01"}));
  std::vector<std::pair<CivilDate, std::string>> out;
  for (const Row& r : rows)
    if (auto d = parseDate(r.str(0))) out.emplace_back(*d, r.str(1));
  return out;
}

Status setBusinessDay(storage::Tx& tx, int64_t street_id, const CivilDate& date,
                      const std::string& kind) {
  if (kind == "normal")
    return tx
        .exec("DELETE FROM business_days WHERE street_id = ? AND date = ?",
              {street_id, formatDate(date)})
        .status();
  return tx
      .exec(
          "INSERT INTO business_days (street_id, date, kind) VALUES (?, ?, ?) "
          "ON CONFLICT (street_id, date) DO UPDATE SET kind = excluded.kind",
          {street_id, formatDate(date), kind})
      .status();
}

Result<std::vector<EscalationLevel>> escalationLevels(storage::Tx& tx) {
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         tx.query("SELECT level, color, called, called_en, "
                                  "report_in_hours FROM escalation_levels ORDER BY level",
                                  {}));
  std::vector<EscalationLevel> out;
  for (const Row& r : rows)
    out.push_back(
        {static_cast<int>(r.i64(0)), r.str(1), r.str(2), r.str(3), static_cast<int>(r.i64(4))});
  return out;
}

Status addEscalation(storage::Tx& tx, int64_t request_id, const Escalation& e) {
  return tx
      .exec(
          "INSERT INTO request_escalations (request_id, level, color, called, at, "
          "report_in_due) VALUES (?, ?, ?, ?, ?, ?)",
          {request_id, int64_t{e.level}, e.color, e.called, e.at, e.report_in_due})
      .status();
}

Result<std::optional<Escalation>> currentEscalation(storage::Tx& tx, int64_t request_id) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT id, level, color, called, at, report_in_due, reported_at FROM "
                          "request_escalations WHERE request_id = ? ORDER BY level DESC LIMIT 1",
                          {request_id}));
  if (rows.empty()) return std::optional<Escalation>();
  const Row& r = rows.front();
  return std::optional<Escalation>(Escalation{r.i64(0), static_cast<int>(r.i64(1)), r.str(2),
                                              r.str(3), r.i64(4), r.i64(5), r.optI64(6)});
}

Status markReportedIn(storage::Tx& tx, int64_t escalation_id, TimeMs at, int64_t by) {
  return tx
      .exec("UPDATE request_escalations SET reported_at = ?, reported_by = ? WHERE id = ?",
            {at, by, escalation_id})
      .status();
}

// ---- photos ----

Status touchRequest(storage::Tx& tx, int64_t id, TimeMs now) {
  return tx.exec("UPDATE requests SET updated_at = ? WHERE id = ?", {now, id}).status();
}

Result<int64_t> countPhotos(storage::Tx& tx, int64_t request_id) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT COUNT(*) FROM request_photos WHERE request_id = ?", {request_id}));
  return rows.front().i64(0);
}

Result<int64_t> insertPhoto(storage::Tx& tx, int64_t request_id, const std::string& content_type,
                            const std::string& bytes, int64_t by, TimeMs at) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("INSERT INTO request_photos (request_id, content_type, bytes, size, uploaded_by, "
               "created_at) VALUES (?, ?, CAST(? AS BLOB), ?, ?, ?) RETURNING id",
               {request_id, content_type, bytes, static_cast<int64_t>(bytes.size()), by, at}));
  return rows.front().i64(0);
}

Result<std::vector<PhotoInfo>> photos(storage::Tx& tx, int64_t request_id) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, content_type, size, created_at "
                                             "FROM request_photos WHERE request_id = ? ORDER BY id",
                                             {request_id}));
  std::vector<PhotoInfo> out;
  for (const Row& r : rows) out.push_back({r.i64(0), r.str(1), r.i64(2), r.i64(3)});
  return out;
}

Result<std::optional<Photo>> photo(storage::Tx& tx, int64_t request_id, int64_t photo_id) {
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         tx.query("SELECT id, content_type, size, created_at, bytes FROM "
                                  "request_photos WHERE request_id = ? AND id = ?",
                                  {request_id, photo_id}));
  if (rows.empty()) return std::optional<Photo>();
  const Row& r = rows.front();
  return std::optional<Photo>(Photo{{r.i64(0), r.str(1), r.i64(2), r.i64(3)}, r.str(4)});
}

// ---- leave and workload ----

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
