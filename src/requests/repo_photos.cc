// Photos of a request, stored as checked (photo_check.h).
#include "requests/repo.h"
#include "requests/repo_rows.h"

namespace linli::requests::repo {

using storage::Row;
using storage::Value;

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

}  // namespace linli::requests::repo
