#include "registry/repo.h"

namespace linli::registry::repo {

Result<int64_t> insertUpload(storage::Tx& tx, int64_t owner_id, const UploadRow& u, TimeMs now) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("INSERT INTO import_uploads (owner_id, filename, headers, rows, row_numbers, body, "
               "created_at) VALUES (?, ?, '[]', '[]', '[]', ?, ?) RETURNING id",
               {owner_id, u.filename, u.body, now}));
  return rows.front().i64(0);
}

Result<std::optional<UploadRow>> findUpload(storage::Tx& tx, int64_t owner_id, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT filename, body FROM import_uploads "
                                             "WHERE owner_id = ? AND id = ?",
                                             {owner_id, id}));
  if (rows.empty()) return std::optional<UploadRow>();
  return std::optional<UploadRow>(UploadRow{rows.front().str(0), rows.front().str(1)});
}

Status deleteUploadsBefore(storage::Tx& tx, TimeMs before) {
  return tx.exec("DELETE FROM import_uploads WHERE created_at < ?", {before}).status();
}

Status deleteUpload(storage::Tx& tx, int64_t id) {
  return tx.exec("DELETE FROM import_uploads WHERE id = ?", {id}).status();
}

}  // namespace linli::registry::repo
