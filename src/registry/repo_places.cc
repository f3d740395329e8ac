#include "registry/repo.h"

namespace linli::registry::repo {

using storage::Row;
using storage::Value;

Result<std::optional<ResolvedScope>> findScope(storage::Tx& tx, const Scope& scope) {
  std::vector<Row> rows;
  switch (scope.kind) {
    case ScopeKind::kStreet: {
      LINLI_ASSIGN_OR_RETURN(
          rows, tx.query("SELECT id, NULL, NULL, name FROM streets WHERE id = ?", {scope.id}));
      break;
    }
    case ScopeKind::kCommunity: {
      LINLI_ASSIGN_OR_RETURN(
          rows,
          tx.query("SELECT street_id, id, NULL, name FROM communities WHERE id = ?", {scope.id}));
      break;
    }
    case ScopeKind::kGrid: {
      LINLI_ASSIGN_OR_RETURN(rows, tx.query("SELECT c.street_id, c.id, g.id, g.name FROM grids g "
                                            "JOIN communities c ON c.id = g.community_id "
                                            "WHERE g.id = ?",
                                            {scope.id}));
      break;
    }
  }
  if (rows.empty()) return std::optional<ResolvedScope>();
  const Row& r = rows.front();
  return std::optional<ResolvedScope>(
      ResolvedScope{PlacePath{r.i64(0), r.optI64(1), r.optI64(2)}, r.str(3)});
}

namespace {
Result<std::vector<PlaceRow>> places(storage::Tx& tx, const std::string& table,
                                     const std::string& parent_col, int64_t parent,
                                     std::optional<int64_t> only) {
  std::string sql = "SELECT id, " + parent_col + ", code, name FROM " + table;
  std::vector<Value> params;
  // Retired places stay for the records that name them, not for picking.
  sql += parent_col == "0" ? " WHERE retired_at IS NULL"
                           : " WHERE retired_at IS NULL AND " + parent_col + " = ?";
  if (parent_col != "0") params.emplace_back(parent);
  if (only) {
    sql += " AND id = ?";
    params.emplace_back(*only);
  }
  sql += " ORDER BY code";
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(sql, params));
  std::vector<PlaceRow> out;
  for (const Row& r : rows) out.push_back({r.i64(0), r.i64(1), r.str(2), r.str(3)});
  return out;
}
}  // namespace

// Table and column names below are constants, never input.
Result<std::vector<PlaceRow>> streets(storage::Tx& tx, std::optional<int64_t> only) {
  return places(tx, "streets", "0", 0, only);
}
Result<std::vector<PlaceRow>> communities(storage::Tx& tx, int64_t street_id,
                                          std::optional<int64_t> only) {
  return places(tx, "communities", "street_id", street_id, only);
}
Result<std::vector<PlaceRow>> grids(storage::Tx& tx, int64_t community_id,
                                    std::optional<int64_t> only) {
  return places(tx, "grids", "community_id", community_id, only);
}

Result<int64_t> insertPlace(storage::Tx& tx, ScopeKind kind, int64_t parent_id,
                            const std::string& code, const std::string& name) {
  Result<std::vector<Row>> rows = std::vector<Row>{};
  switch (kind) {
    case ScopeKind::kStreet:
      rows = tx.query("INSERT INTO streets (code, name) VALUES (?, ?) RETURNING id", {code, name});
      break;
    case ScopeKind::kCommunity:
      rows =
          tx.query("INSERT INTO communities (street_id, code, name) VALUES (?, ?, ?) RETURNING id",
                   {parent_id, code, name});
      break;
    case ScopeKind::kGrid:
      rows = tx.query("INSERT INTO grids (community_id, code, name) VALUES (?, ?, ?) RETURNING id",
                      {parent_id, code, name});
      break;
  }
  LINLI_ASSIGN_OR_RETURN(auto row, storage::singleRow(std::move(rows), "place"));
  return row.i64(0);
}

Result<std::vector<GridRow>> gridsOfStreet(storage::Tx& tx, std::optional<int64_t> street_id) {
  std::string sql =
      "SELECT g.id, c.street_id, c.id, g.code, g.name FROM grids g "
      "JOIN communities c ON c.id = g.community_id WHERE g.retired_at IS NULL";
  std::vector<storage::Value> params;
  if (street_id) {
    sql += " AND c.street_id = ?";
    params.emplace_back(*street_id);
  }
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(sql, params));
  std::vector<GridRow> out;
  for (const auto& r : rows)
    out.push_back({r.i64(0), PlacePath{r.i64(1), r.i64(2), r.i64(0)}, r.str(3), r.str(4)});
  return out;
}

}  // namespace linli::registry::repo
