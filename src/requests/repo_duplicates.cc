// Duplicates: open requests of the same kind nearby, links, and the linked
// ones still to settle with their first request.
#include "requests/repo.h"
#include "requests/repo_rows.h"

namespace linli::requests::repo {

using storage::Row;
using storage::Value;

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

}  // namespace linli::requests::repo
