// SQL of the street's per-community glance (RequestService::byCommunity): one
// pass over the area's open requests and this month's closed ones.
#include "requests/repo.h"
#include "requests/repo_rows.h"
#include "storage/place_filter.h"

namespace linli::requests::repo {

Result<std::vector<CommunityLoad>> loadByCommunity(storage::Tx& tx, const registry::PlacePath& area,
                                                   TimeMs now, TimeMs month_start) {
  std::vector<storage::Value> params = {now, month_start, month_start};
  const std::string open = std::string("r.status IN ") + kOpenStatuses;
  // A count of the rows meeting `cond`, in SQL both engines take (PostgreSQL
  // does not sum booleans).
  auto count = [](const std::string& cond) {
    return "SUM(CASE WHEN " + cond + " THEN 1 ELSE 0 END)";
  };
  std::string sql =
      "SELECT r.community_id, " + count(open) + ", " +
      count(open + " AND r.paused_at IS NULL AND r.resolve_due < ?") + ", " +
      count(open + " AND r.escalation_level > 0") + ", " +
      count(open + " AND r.escalation_level > 0" + kNotReportedIn) + ", " +
      count("r.rating IS NOT NULL AND r.closed_at >= ?") +
      ", "
      "SUM(CASE WHEN r.rating IS NOT NULL AND r.closed_at >= ? THEN r.rating ELSE 0 END) "
      "FROM requests r WHERE r.community_id IS NOT NULL AND " +
      storage::placeFilter("r", area.street_id, area.community_id, area.grid_id, params) +
      " AND (" + open + " OR r.closed_at >= ?) GROUP BY r.community_id ORDER BY r.community_id";
  params.emplace_back(month_start);
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(sql, params));
  std::vector<CommunityLoad> out;
  for (const auto& row : rows) {
    CommunityLoad c{.community_id = row.i64(0),
                    .open = row.i64(1),
                    .overdue = row.i64(2),
                    .escalated = row.i64(3),
                    .awaiting_report_in = row.i64(4),
                    .rated = row.i64(5)};
    if (c.rated > 0) c.satisfaction = static_cast<double>(row.i64(6)) / c.rated;
    out.push_back(c);
  }
  return out;
}

}  // namespace linli::requests::repo
