// SQL of places administration: places with their counts and workers,
// renaming, retiring, what a place still holds, and building moves. The grid
// worker's name and role are read from auth's users table (read only).
#include "registry/repo.h"

namespace linli::registry::repo {

using storage::Row;
using storage::Value;

namespace {

// Table names by kind: constants, never input.
const char* tableOf(ScopeKind kind) {
  switch (kind) {
    case ScopeKind::kStreet:
      return "streets";
    case ScopeKind::kCommunity:
      return "communities";
    case ScopeKind::kGrid:
      return "grids";
  }
  return "grids";
}

// id, kind-parent, code, name, retired_at, worker_id, worker name, buildings, residents.
constexpr const char* kPlaceSelect =
    "SELECT p.id, p.kind, p.parent_id, p.code, p.name, p.retired_at, p.worker_id, "
    "COALESCE(u.display_name, ''), "
    "(SELECT COUNT(*) FROM buildings b WHERE "
    " (p.kind = 0 AND b.street_id = p.id) OR (p.kind = 1 AND b.community_id = p.id) OR "
    " (p.kind = 2 AND b.grid_id = p.id)), "
    "(SELECT COUNT(*) FROM residents r WHERE r.status = 'active' AND ("
    " (p.kind = 0 AND r.street_id = p.id) OR (p.kind = 1 AND r.community_id = p.id) OR "
    " (p.kind = 2 AND r.grid_id = p.id))) "
    "FROM (SELECT id, 0 AS kind, 0 AS parent_id, code, name, retired_at, NULL AS worker_id, "
    "             id AS street_id, NULL AS community_id, NULL AS grid_id FROM streets "
    "      UNION ALL SELECT id, 1, street_id, code, name, retired_at, NULL, street_id, id, NULL "
    "             FROM communities "
    "      UNION ALL SELECT g.id, 2, g.community_id, g.code, g.name, g.retired_at, g.worker_id, "
    "             c.street_id, c.id, g.id FROM grids g JOIN communities c ON c.id = g.community_id"
    "     ) p LEFT JOIN users u ON u.id = p.worker_id";

Place placeFrom(const Row& r) {
  Place p;
  p.id = r.i64(0);
  p.kind = static_cast<ScopeKind>(r.i64(1));
  p.parent_id = r.i64(2);
  p.code = r.str(3);
  p.name = r.str(4);
  p.retired_at = r.optI64(5);
  p.worker_id = r.optI64(6);
  p.worker_name = r.str(7);
  p.buildings = r.i64(8);
  p.residents = r.i64(9);
  return p;
}

}  // namespace

Result<std::optional<PlaceRow>> firstStreet(storage::Tx& tx) {
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         tx.query("SELECT id, 0, code, name FROM streets ORDER BY id LIMIT 1", {}));
  if (rows.empty()) return std::optional<PlaceRow>();
  const Row& r = rows.front();
  return std::optional<PlaceRow>(PlaceRow{r.i64(0), 0, r.str(2), r.str(3)});
}

Result<std::optional<Place>> findPlace(storage::Tx& tx, ScopeKind kind, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         tx.query(std::string(kPlaceSelect) + " WHERE p.kind = ? AND p.id = ?",
                                  {static_cast<int64_t>(kind), id}));
  if (rows.empty()) return std::optional<Place>();
  return std::optional<Place>(placeFrom(rows.front()));
}

Result<std::vector<Place>> placesWithin(storage::Tx& tx, const PlacePath& within,
                                        bool include_retired) {
  std::vector<Value> params;
  std::string sql = std::string(kPlaceSelect) + " WHERE p.street_id = ?";
  params.emplace_back(within.street_id);
  if (within.community_id) {
    // A community's admin sees their community and its grids (and the street's name).
    sql += " AND (p.kind = 0 OR p.community_id = ?)";
    params.emplace_back(*within.community_id);
  }
  if (within.grid_id) {
    sql += " AND (p.kind < 2 OR p.grid_id = ?)";
    params.emplace_back(*within.grid_id);
  }
  if (!include_retired) sql += " AND p.retired_at IS NULL";
  sql += " ORDER BY p.kind, p.code";
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(sql, params));
  std::vector<Place> out;
  for (const Row& r : rows) out.push_back(placeFrom(r));
  return out;
}

Result<std::optional<PlaceRow>> placeByCode(storage::Tx& tx, ScopeKind kind,
                                            const std::string& code) {
  const std::string parent = kind == ScopeKind::kStreet      ? "0"
                             : kind == ScopeKind::kCommunity ? "street_id"
                                                             : "community_id";
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, " + parent + ", code, name FROM " +
                                                 tableOf(kind) + " WHERE code = ?",
                                             {code}));
  if (rows.empty()) return std::optional<PlaceRow>();
  const Row& r = rows.front();
  return std::optional<PlaceRow>(PlaceRow{r.i64(0), r.i64(1), r.str(2), r.str(3)});
}

Result<std::optional<int64_t>> gridByName(storage::Tx& tx, int64_t community_id,
                                          const std::string& name) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT id FROM grids WHERE community_id = ? AND name = ?", {community_id, name}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows.front().i64(0));
}

Status renamePlace(storage::Tx& tx, ScopeKind kind, int64_t id, const std::string& code,
                   const std::string& name) {
  return tx
      .exec(std::string("UPDATE ") + tableOf(kind) + " SET code = ?, name = ? WHERE id = ?",
            {code, name, id})
      .status();
}

Status setGridWorker(storage::Tx& tx, int64_t grid_id, std::optional<int64_t> user_id) {
  return tx
      .exec("UPDATE grids SET worker_id = ? WHERE id = ?",
            {storage::optionalValue(user_id), grid_id})
      .status();
}

Status retirePlace(storage::Tx& tx, ScopeKind kind, int64_t id, TimeMs now) {
  return tx
      .exec(std::string("UPDATE ") + tableOf(kind) + " SET retired_at = ? WHERE id = ?", {now, id})
      .status();
}

Result<bool> isRetired(storage::Tx& tx, ScopeKind kind, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT retired_at IS NOT NULL FROM ") +
                                                 tableOf(kind) + " WHERE id = ?",
                                             {id}));
  return !rows.empty() && rows.front().i64(0) != 0;
}

Result<Holdings> holdings(storage::Tx& tx, ScopeKind kind, int64_t id) {
  Holdings h;
  const char* col = kind == ScopeKind::kStreet      ? "street_id"
                    : kind == ScopeKind::kCommunity ? "community_id"
                                                    : "grid_id";
  if (kind != ScopeKind::kGrid) {
    const std::string children =
        kind == ScopeKind::kStreet
            ? "SELECT COUNT(*) FROM communities WHERE street_id = ? AND retired_at IS NULL"
            : "SELECT COUNT(*) FROM grids WHERE community_id = ? AND retired_at IS NULL";
    LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(children, {id}));
    h.places = rows.front().i64(0);
  }
  LINLI_ASSIGN_OR_RETURN(
      auto b, tx.query(std::string("SELECT COUNT(*) FROM buildings WHERE ") + col + " = ?", {id}));
  h.buildings = b.front().i64(0);
  LINLI_ASSIGN_OR_RETURN(
      auto r, tx.query(std::string("SELECT COUNT(*) FROM residents WHERE status = 'active' AND ") +
                           col + " = ?",
                       {id}));
  h.residents = r.front().i64(0);
  // Users whose scope is this very place (a wider user is not stranded by it).
  LINLI_ASSIGN_OR_RETURN(
      auto u, tx.query("SELECT COUNT(*) FROM users WHERE disabled = 0 AND scope_kind = ? AND "
                       "scope_id = ?",
                       {std::string(scopeKindName(kind)), id}));
  h.users = u.front().i64(0);
  return h;
}

Result<std::optional<WorkerCandidate>> workerCandidate(storage::Tx& tx, int64_t user_id) {
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         tx.query("SELECT id, display_name, role, scope_kind, scope_id, disabled "
                                  "FROM users WHERE id = ?",
                                  {user_id}));
  if (rows.empty()) return std::optional<WorkerCandidate>();
  const Row& r = rows.front();
  return std::optional<WorkerCandidate>(
      WorkerCandidate{r.i64(0), r.str(1), r.str(2), r.str(3), r.i64(4), r.i64(5) != 0});
}

Result<std::vector<int64_t>> residentIdsOfBuilding(storage::Tx& tx, int64_t building_id) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT id FROM residents WHERE building_id = ? ORDER BY id", {building_id}));
  std::vector<int64_t> ids;
  for (const Row& r : rows) ids.push_back(r.i64(0));
  return ids;
}

Result<int64_t> householdCount(storage::Tx& tx, int64_t building_id) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT COUNT(*) FROM households WHERE building_id = ?", {building_id}));
  return rows.front().i64(0);
}

Status insertBuildingMove(storage::Tx& tx, const BuildingMove& m) {
  return tx
      .exec(
          "INSERT INTO building_moves (building_id, at, actor_id, from_grid_id, to_grid_id, "
          "households, residents, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {m.building_id, m.at, storage::optionalValue(m.actor_id), m.from_grid_id, m.to_grid_id,
           m.households, m.residents, m.note})
      .status();
}

Result<std::vector<BuildingMove>> buildingMoves(storage::Tx& tx, int64_t building_id) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT m.id, m.building_id, m.at, m.actor_id, COALESCE(u.display_name, ''), "
               "m.from_grid_id, f.name, m.to_grid_id, t.name, m.households, m.residents, m.note "
               "FROM building_moves m JOIN grids f ON f.id = m.from_grid_id "
               "JOIN grids t ON t.id = m.to_grid_id LEFT JOIN users u ON u.id = m.actor_id "
               "WHERE m.building_id = ? ORDER BY m.id DESC",
               {building_id}));
  std::vector<BuildingMove> out;
  for (const Row& r : rows) {
    BuildingMove m;
    m.id = r.i64(0);
    m.building_id = r.i64(1);
    m.at = r.i64(2);
    m.actor_id = r.optI64(3);
    m.actor_name = r.str(4);
    m.from_grid_id = r.i64(5);
    m.from_grid_name = r.str(6);
    m.to_grid_id = r.i64(7);
    m.to_grid_name = r.str(8);
    m.households = r.i64(9);
    m.residents = r.i64(10);
    m.note = r.str(11);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace linli::registry::repo
