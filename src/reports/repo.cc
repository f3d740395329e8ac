#include "reports/repo.h"

namespace linli::reports::repo {

namespace {
TemplateRow from(const storage::Row& r) {
  return {r.i64(0), r.str(1), r.str(2), r.str(3), r.i64(4), r.i64(5) != 0, r.i64(6), r.str(7)};
}

// Mine, or shared by an author whose place holds mine (their community and
// grid empty, or the same as mine).
constexpr const char* kVisible =
    "SELECT t.id, t.name, t.filter, t.group_by, t.created_at, t.shared, t.owner_id, u.username "
    "FROM report_templates t JOIN users u ON u.id = t.owner_id WHERE (t.owner_id = ? OR "
    "(t.shared = 1 AND u.street_id = ? AND (u.community_id IS NULL OR u.community_id = ?) AND "
    "(u.grid_id IS NULL OR u.grid_id = ?)))";

std::vector<storage::Value> visibleParams(int64_t user_id, const registry::PlacePath& me) {
  return {user_id, me.street_id, storage::optionalValue(me.community_id),
          storage::optionalValue(me.grid_id)};
}
}  // namespace

Result<std::vector<TemplateRow>> visibleTemplates(storage::Tx& tx, int64_t user_id,
                                                  const registry::PlacePath& me) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(std::string(kVisible) + " ORDER BY t.id DESC",
                                             visibleParams(user_id, me)));
  std::vector<TemplateRow> out;
  for (const auto& r : rows) out.push_back(from(r));
  return out;
}

Result<std::optional<TemplateRow>> findVisibleTemplate(storage::Tx& tx, int64_t user_id,
                                                       const registry::PlacePath& me, int64_t id) {
  auto params = visibleParams(user_id, me);
  params.emplace_back(id);
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(std::string(kVisible) + " AND t.id = ?", params));
  if (rows.empty()) return std::optional<TemplateRow>();
  return std::optional<TemplateRow>(from(rows.front()));
}

Result<int64_t> insertTemplate(storage::Tx& tx, int64_t owner_id, const std::string& name,
                               const std::string& filter, const std::string& group_by, bool shared,
                               TimeMs now) {
  auto rows = tx.query(
      "INSERT INTO report_templates (owner_id, name, filter, group_by, shared, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {owner_id, name, filter, group_by, int64_t{shared}, now});
  if (!rows.ok() && rows.status().code() == Code::kConflict)
    return conflict("you have a template called " + name + " already", "name");
  if (!rows.ok()) return rows.status();
  return rows->front().i64(0);
}

Result<bool> deleteTemplate(storage::Tx& tx, int64_t owner_id, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(
      int64_t n,
      tx.exec("DELETE FROM report_templates WHERE owner_id = ? AND id = ?", {owner_id, id}));
  return n > 0;
}

Result<bool> setShared(storage::Tx& tx, int64_t owner_id, int64_t id, bool shared) {
  LINLI_ASSIGN_OR_RETURN(
      int64_t n, tx.exec("UPDATE report_templates SET shared = ? WHERE owner_id = ? AND id = ?",
                         {int64_t{shared}, owner_id, id}));
  return n > 0;
}

}  // namespace linli::reports::repo
