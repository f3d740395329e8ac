#include "reports/repo.h"

namespace linli::reports::repo {

namespace {
TemplateRow from(const storage::Row& r) {
  return {r.i64(0), r.str(1), r.str(2), r.str(3), r.i64(4)};
}
}  // namespace

Result<std::vector<TemplateRow>> templatesOf(storage::Tx& tx, int64_t owner_id) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, name, filter, group_by, created_at FROM "
                                             "report_templates WHERE owner_id = ? ORDER BY id DESC",
                                             {owner_id}));
  std::vector<TemplateRow> out;
  for (const auto& r : rows) out.push_back(from(r));
  return out;
}

Result<std::optional<TemplateRow>> findTemplate(storage::Tx& tx, int64_t owner_id, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, name, filter, group_by, created_at FROM "
                                             "report_templates WHERE owner_id = ? AND id = ?",
                                             {owner_id, id}));
  if (rows.empty()) return std::optional<TemplateRow>();
  return std::optional<TemplateRow>(from(rows.front()));
}

Result<int64_t> insertTemplate(storage::Tx& tx, int64_t owner_id, const std::string& name,
                               const std::string& filter, const std::string& group_by, TimeMs now) {
  auto rows = tx.query(
      "INSERT INTO report_templates (owner_id, name, filter, group_by, created_at) "
      "VALUES (?, ?, ?, ?, ?) RETURNING id",
      {owner_id, name, filter, group_by, now});
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

}  // namespace linli::reports::repo
