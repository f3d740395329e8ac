#include <nlohmann/json.hpp>

#include "registry/repo.h"

namespace linli::registry::repo {

Result<int64_t> insertUpload(storage::Tx& tx, int64_t owner_id, const UploadRow& u, TimeMs now) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(
          "INSERT INTO import_uploads (owner_id, filename, headers, rows, row_numbers, "
          "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
          {owner_id, u.filename, nlohmann::json(u.headers).dump(),
           nlohmann::json(u.rows).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
           nlohmann::json(u.row_numbers).dump(), now}));
  return rows.front().i64(0);
}

Result<std::optional<UploadRow>> findUpload(storage::Tx& tx, int64_t owner_id, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT filename, headers, rows, row_numbers FROM "
                                             "import_uploads WHERE owner_id = ? AND id = ?",
                                             {owner_id, id}));
  if (rows.empty()) return std::optional<UploadRow>();
  UploadRow u;
  u.filename = rows.front().str(0);
  u.headers = nlohmann::json::parse(rows.front().str(1)).get<std::vector<std::string>>();
  u.rows = nlohmann::json::parse(rows.front().str(2)).get<std::vector<std::vector<std::string>>>();
  u.row_numbers = nlohmann::json::parse(rows.front().str(3)).get<std::vector<int>>();
  return std::optional<UploadRow>(std::move(u));
}

Status deleteUploadsBefore(storage::Tx& tx, TimeMs before) {
  return tx.exec("DELETE FROM import_uploads WHERE created_at < ?", {before}).status();
}

Status deleteUpload(storage::Tx& tx, int64_t id) {
  return tx.exec("DELETE FROM import_uploads WHERE id = ?", {id}).status();
}

}  // namespace linli::registry::repo
