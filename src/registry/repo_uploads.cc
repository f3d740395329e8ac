#include <zlib.h>

#include "registry/repo.h"

namespace linli::registry::repo {

namespace {

std::string deflated(const std::string& bytes) {
  uLongf size = compressBound(bytes.size());
  std::string out(size, '\0');
  compress2(reinterpret_cast<Bytef*>(out.data()), &size,
            reinterpret_cast<const Bytef*>(bytes.data()), bytes.size(), Z_BEST_SPEED);
  out.resize(size);
  return out;
}

Result<std::string> inflated(const std::string& stored, int64_t size) {
  std::string out(static_cast<size_t>(size), '\0');
  uLongf got = out.size();
  if (uncompress(reinterpret_cast<Bytef*>(out.data()), &got,
                 reinterpret_cast<const Bytef*>(stored.data()), stored.size()) != Z_OK ||
      got != out.size())
    return internalError("a stored upload is damaged");
  return out;
}

}  // namespace

Result<int64_t> insertUpload(storage::Tx& tx, int64_t owner_id, const std::string& filename,
                             const std::string& body, TimeMs now) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("INSERT INTO import_uploads (owner_id, filename, headers, rows, row_numbers, body, "
               "body_size, created_at) VALUES (?, ?, '[]', '[]', '[]', ?, ?, ?) RETURNING id",
               {owner_id, filename, deflated(body), static_cast<int64_t>(body.size()), now}));
  return rows.front().i64(0);
}

Result<std::optional<UploadRow>> findUpload(storage::Tx& tx, int64_t owner_id, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT filename, body, body_size FROM import_uploads "
                                             "WHERE owner_id = ? AND id = ?",
                                             {owner_id, id}));
  if (rows.empty()) return std::optional<UploadRow>();
  LINLI_ASSIGN_OR_RETURN(std::string body, inflated(rows.front().str(1), rows.front().i64(2)));
  return std::optional<UploadRow>(UploadRow{rows.front().str(0), std::move(body)});
}

Status deleteUploadsBefore(storage::Tx& tx, TimeMs before) {
  return tx.exec("DELETE FROM import_uploads WHERE created_at < ?", {before}).status();
}

Status deleteUpload(storage::Tx& tx, int64_t id) {
  return tx.exec("DELETE FROM import_uploads WHERE id = ?", {id}).status();
}

}  // namespace linli::registry::repo
