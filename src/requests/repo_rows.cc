#include "requests/repo_rows.h"

#include "storage/place_filter.h"

namespace linli::requests::repo {

using storage::Row;

namespace {
std::optional<double> optF64(const Row& row, size_t i) {
  return row.isNull(i) ? std::nullopt : std::optional<double>(row.f64(i));
}
}  // namespace

std::string inPlaceOrAssigned(const registry::PlacePath& place, const char* assignee_column,
                              int64_t assignee, std::vector<storage::Value>& params) {
  std::string sql =
      " AND (" +
      storage::placeFilter("r", place.street_id, place.community_id, place.grid_id, params) +
      " OR " + assignee_column + " = ?)";
  params.emplace_back(assignee);
  return sql;
}

const char* const kRequestSelect =
    "SELECT r.id, r.number, r.status, r.category_code, COALESCE(c.name, ''), r.priority, "
    "r.description, r.channel, r.street_id, r.community_id, r.grid_id, r.building_id, "
    "r.household_id, r.address, r.lat, r.lng, r.contact_name, COALESCE(r.contact_phone_last4, ''), "
    "r.contact_method, r.filed_by, r.assignee_id, COALESCE(u.display_name, ''), r.unit, "
    "r.created_at, r.response_due, r.resolve_due, r.paused_at, r.resolved_at, r.closed_at, "
    "r.rating, COALESCE(r.rating_comment, ''), r.escalation_level, COALESCE(el.color, ''), "
    "r.next_escalation_at, r.warned, r.duplicate_of, r.updated_at, re.reported_at IS NOT NULL, "
    "r.received_at "
    "FROM requests r LEFT JOIN request_categories c ON c.code = r.category_code "
    "LEFT JOIN users u ON u.id = r.assignee_id "
    "LEFT JOIN escalation_levels el ON el.level = r.escalation_level "
    "LEFT JOIN request_escalations re ON re.request_id = r.id AND re.level = r.escalation_level ";

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
  r.received_at = row.optI64(38);
  return r;
}

const char* const kCategorySelect =
    "SELECT code, parent_code, name, name_en, unit, response_hours, resolve_hours "
    "FROM request_categories WHERE active = 1 ";

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

const char* const kFollowupSelect =
    "SELECT f.id, f.request_id, r.number, f.assignee_id, f.created_at, f.due_at, f.done_at, "
    "f.note FROM request_followups f JOIN requests r ON r.id = f.request_id ";

Followup followupFrom(const Row& r) {
  return {r.i64(0), r.i64(1), r.str(2), r.optI64(3), r.i64(4), r.i64(5), r.optI64(6), r.str(7)};
}

}  // namespace linli::requests::repo
