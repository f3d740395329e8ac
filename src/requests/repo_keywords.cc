// Category keywords, in the order the street admin wrote them.
#include "requests/repo.h"

namespace linli::requests::repo {

Result<std::vector<std::pair<std::string, std::string>>> keywords(storage::Tx& tx) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT category_code, keyword FROM "
                                             "request_category_keywords ORDER BY category_code, "
                                             "position",
                                             {}));
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.emplace_back(r.str(0), r.str(1));
  return out;
}

Status setKeywords(storage::Tx& tx, const std::string& code,
                   const std::vector<std::string>& words) {
  LINLI_TRY(
      tx.exec("DELETE FROM request_category_keywords WHERE category_code = ?", {code}).status());
  for (size_t i = 0; i < words.size(); ++i)
    LINLI_TRY(tx.exec("INSERT INTO request_category_keywords (category_code, position, keyword) "
                      "VALUES (?, ?, ?)",
                      {code, static_cast<int64_t>(i + 1), words[i]})
                  .status());
  return Status::Ok();
}

}  // namespace linli::requests::repo
