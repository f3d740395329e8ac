// Categories (事项分类) and what the classifier learns from: every labelled
// request, and a corrected category.
#include "requests/repo.h"
#include "requests/repo_rows.h"

namespace linli::requests::repo {

using storage::Row;
using storage::Value;

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

}  // namespace linli::requests::repo
