#include "registry/repo.h"
#include "storage/place_filter.h"

namespace linli::registry::repo {

using storage::Row;
using storage::Value;

namespace {

Value optDate(const std::optional<CivilDate>& d) {
  return d ? Value(formatDate(*d)) : Value(nullptr);
}
std::optional<double> dbl(const Row& r, size_t i) {
  return r.isNull(i) ? std::nullopt : std::optional<double>(r.f64(i));
}

template <class T>
Result<Page<T>> paged(storage::Tx& tx, const std::string& select, const std::string& from_where,
                      std::vector<Value> params, const std::string& order, int page, int page_size,
                      T (*map)(const Row&)) {
  LINLI_ASSIGN_OR_RETURN(auto count, tx.query("SELECT COUNT(*) " + from_where, params));
  params.emplace_back(int64_t{page_size});
  params.emplace_back(int64_t{page - 1} * page_size);
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(select + " " + from_where + " ORDER BY " + order + " LIMIT ? OFFSET ?", params));
  Page<T> out;
  out.total = count.front().i64(0);
  for (const Row& r : rows) out.items.push_back(map(r));
  return out;
}

const char* kBuildingSelect =
    "SELECT b.id, b.street_id, b.community_id, b.grid_id, c.name, g.name, b.name, b.address, "
    "b.units, b.floors, b.elevators, b.lat, b.lng, "
    "(SELECT COUNT(*) FROM households h WHERE h.building_id = b.id)";
const char* kBuildingFrom =
    "FROM buildings b JOIN communities c ON c.id = b.community_id JOIN grids g ON g.id = b.grid_id";

Building buildingFrom(const Row& r) {
  Building b;
  b.id = r.i64(0);
  b.place = {r.i64(1), r.i64(2), r.i64(3)};
  b.community_name = r.str(4);
  b.grid_name = r.str(5);
  b.name = r.str(6);
  b.address = r.str(7);
  b.units = static_cast<int>(r.i64(8));
  b.floors = static_cast<int>(r.i64(9));
  b.elevators = static_cast<int>(r.i64(10));
  b.lat = dbl(r, 11);
  b.lng = dbl(r, 12);
  b.households = r.i64(13);
  return b;
}

const char* kHouseholdSelect =
    "SELECT h.id, h.building_id, b.name, b.address, h.street_id, h.community_id, h.grid_id, "
    "h.unit, h.room, h.phone_last4, h.residence_type, "
    "(SELECT COUNT(*) FROM residents r WHERE r.household_id = h.id AND r.status = 'active')";
const char* kHouseholdFrom = "FROM households h JOIN buildings b ON b.id = h.building_id";

Household householdFrom(const Row& r) {
  Household h;
  h.id = r.i64(0);
  h.building_id = r.i64(1);
  h.building_name = r.str(2);
  h.building_address = r.str(3);
  h.place = {r.i64(4), r.i64(5), r.i64(6)};
  h.unit = r.str(7);
  h.room = r.str(8);
  h.phone_last4 = r.str(9);
  h.residence_type = r.str(10);
  h.members = r.i64(11);
  return h;
}

const char* kAssetSelect =
    "SELECT a.id, a.building_id, b.name, a.street_id, a.community_id, a.grid_id, a.kind, a.name, "
    "a.location, a.owner, a.maintainer, a.last_inspection, a.next_inspection";
const char* kAssetFrom = "FROM assets a JOIN buildings b ON b.id = a.building_id";

Asset assetFrom(const Row& r) {
  Asset a;
  a.id = r.i64(0);
  a.building_id = r.i64(1);
  a.building_name = r.str(2);
  a.place = {r.i64(3), r.i64(4), r.i64(5)};
  a.kind = r.str(6);
  a.name = r.str(7);
  a.location = r.str(8);
  a.owner = r.str(9);
  a.maintainer = r.str(10);
  if (!r.isNull(11)) a.last_inspection = parseDate(r.str(11));
  if (!r.isNull(12)) a.next_inspection = parseDate(r.str(12));
  return a;
}

template <class T>
Result<std::optional<T>> one(storage::Tx& tx, const std::string& sql, int64_t id,
                             T (*map)(const Row&)) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(sql, {id}));
  if (rows.empty()) return std::optional<T>();
  return std::optional<T>(map(rows.front()));
}

}  // namespace

Result<std::optional<Building>> findBuilding(storage::Tx& tx, int64_t id) {
  return one<Building>(tx, std::string(kBuildingSelect) + " " + kBuildingFrom + " WHERE b.id = ?",
                       id, buildingFrom);
}

Result<Page<Building>> listBuildings(storage::Tx& tx, const PlacePath& within,
                                     std::optional<int64_t> grid_id,
                                     const std::optional<std::string>& q, int page, int page_size) {
  std::vector<Value> params;
  std::string where =
      storage::placeFilter("b", within.street_id, within.community_id, within.grid_id, params);
  if (grid_id) {
    where += " AND b.grid_id = ?";
    params.emplace_back(*grid_id);
  }
  if (q) {
    where += " AND (b.name LIKE ? ESCAPE '\\' OR b.address LIKE ? ESCAPE '\\')";
    params.emplace_back(storage::likeContains(*q));
    params.emplace_back(storage::likeContains(*q));
  }
  return paged<Building>(tx, kBuildingSelect, std::string(kBuildingFrom) + " WHERE " + where,
                         std::move(params), "b.id", page, page_size, buildingFrom);
}

Result<int64_t> insertBuilding(storage::Tx& tx, const Building& b, TimeMs now) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("INSERT INTO buildings (street_id, community_id, grid_id, name, address, units, "
               "floors, elevators, lat, lng, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {b.place.street_id, storage::optionalValue(b.place.community_id),
                storage::optionalValue(b.place.grid_id), b.name, b.address, int64_t{b.units},
                int64_t{b.floors}, int64_t{b.elevators}, storage::optionalValue(b.lat),
                storage::optionalValue(b.lng), now, now}));
  return rows.front().i64(0);
}

Status updateBuilding(storage::Tx& tx, const Building& b, TimeMs now) {
  return tx
      .exec(
          "UPDATE buildings SET street_id = ?, community_id = ?, grid_id = ?, name = ?, "
          "address = ?, units = ?, floors = ?, elevators = ?, lat = ?, lng = ?, updated_at = ? "
          "WHERE id = ?",
          {b.place.street_id, storage::optionalValue(b.place.community_id),
           storage::optionalValue(b.place.grid_id), b.name, b.address, int64_t{b.units},
           int64_t{b.floors}, int64_t{b.elevators}, storage::optionalValue(b.lat),
           storage::optionalValue(b.lng), now, b.id})
      .status();
}

Status moveBuildingContents(storage::Tx& tx, int64_t building_id, const PlacePath& place) {
  for (const char* table : {"households", "residents", "assets"})
    LINLI_TRY(tx.exec(std::string("UPDATE ") + table +
                          " SET street_id = ?, community_id = ?, grid_id = ? WHERE building_id = ?",
                      {place.street_id, storage::optionalValue(place.community_id),
                       storage::optionalValue(place.grid_id), building_id})
                  .status());
  return Status::Ok();
}

Result<std::optional<Household>> findHousehold(storage::Tx& tx, int64_t id) {
  return one<Household>(tx,
                        std::string(kHouseholdSelect) + " " + kHouseholdFrom + " WHERE h.id = ?",
                        id, householdFrom);
}

Result<Page<Household>> listHouseholds(storage::Tx& tx, const PlacePath& within,
                                       std::optional<int64_t> building_id, int page,
                                       int page_size) {
  std::vector<Value> params;
  std::string where =
      storage::placeFilter("h", within.street_id, within.community_id, within.grid_id, params);
  if (building_id) {
    where += " AND h.building_id = ?";
    params.emplace_back(*building_id);
  }
  return paged<Household>(tx, kHouseholdSelect, std::string(kHouseholdFrom) + " WHERE " + where,
                          std::move(params), "h.building_id, h.unit, h.room", page, page_size,
                          householdFrom);
}

namespace {

constexpr const char* kHouseholdColumns =
    "building_id, street_id, community_id, grid_id, unit, room, phone_sealed, phone_hash, "
    "phone_last4, residence_type, created_at, updated_at";
constexpr const char* kHouseholdPlaceholders = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

std::vector<Value> householdValues(const Household& h, const HouseholdSecrets& s, TimeMs now) {
  return {h.building_id,
          h.place.street_id,
          storage::optionalValue(h.place.community_id),
          storage::optionalValue(h.place.grid_id),
          h.unit,
          h.room,
          storage::optionalValue(s.phone_sealed),
          storage::optionalValue(s.phone_hash),
          h.phone_last4.empty() ? Value(nullptr) : Value(h.phone_last4),
          h.residence_type,
          now,
          now};
}

}  // namespace

Result<int64_t> insertHousehold(storage::Tx& tx, const Household& h, const HouseholdSecrets& s,
                                TimeMs now) {
  auto rows = tx.query(std::string("INSERT INTO households (") + kHouseholdColumns + ") VALUES (" +
                           kHouseholdPlaceholders + ") RETURNING id",
                       householdValues(h, s, now));
  if (!rows.ok() && rows.status().code() == Code::kConflict)
    return conflict("this building already has unit " + h.unit + " room " + h.room, "room");
  if (!rows.ok()) return rows.status();
  return rows->front().i64(0);
}

Result<int64_t> nextHouseholdId(storage::Tx& tx) {
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         tx.query("SELECT COALESCE(MAX(id), 0) + 1 FROM households", {}));
  return rows.front().i64(0);
}

Result<bool> insertHouseholdIfNew(storage::Tx& tx, int64_t id, const Household& h,
                                  const HouseholdSecrets& s, TimeMs now) {
  static const std::string sql = std::string("INSERT INTO households (id, ") + kHouseholdColumns +
                                 ") VALUES (?, " + kHouseholdPlaceholders +
                                 ") ON CONFLICT (building_id, unit, room) DO NOTHING";
  std::vector<Value> values = {id};
  for (auto& v : householdValues(h, s, now)) values.push_back(std::move(v));
  LINLI_ASSIGN_OR_RETURN(int64_t changed, tx.exec(sql, values));
  return changed > 0;
}

Status updateHousehold(storage::Tx& tx, const Household& h,
                       const std::optional<HouseholdSecrets>& s, TimeMs now) {
  auto st = tx.exec(
      "UPDATE households SET unit = ?, room = ?, residence_type = ?, updated_at = ? WHERE id = ?",
      {h.unit, h.room, h.residence_type, now, h.id});
  if (!st.ok() && st.status().code() == Code::kConflict)
    return conflict("this building already has unit " + h.unit + " room " + h.room, "room");
  LINLI_TRY(st.status());
  if (!s) return Status::Ok();
  return tx
      .exec("UPDATE households SET phone_sealed = ?, phone_hash = ?, phone_last4 = ? WHERE id = ?",
            {storage::optionalValue(s->phone_sealed), storage::optionalValue(s->phone_hash),
             h.phone_last4.empty() ? Value(nullptr) : Value(h.phone_last4), h.id})
      .status();
}

Result<std::optional<Asset>> findAsset(storage::Tx& tx, int64_t id) {
  return one<Asset>(tx, std::string(kAssetSelect) + " " + kAssetFrom + " WHERE a.id = ?", id,
                    assetFrom);
}

Result<Page<Asset>> listAssets(storage::Tx& tx, const PlacePath& within,
                               std::optional<int64_t> building_id,
                               const std::optional<std::string>& kind,
                               std::optional<CivilDate> due_before, int page, int page_size) {
  std::vector<Value> params;
  std::string where =
      storage::placeFilter("a", within.street_id, within.community_id, within.grid_id, params);
  if (building_id) {
    where += " AND a.building_id = ?";
    params.emplace_back(*building_id);
  }
  if (kind) {
    where += " AND a.kind = ?";
    params.emplace_back(*kind);
  }
  if (due_before) {
    where += " AND a.next_inspection < ?";
    params.emplace_back(formatDate(*due_before));
  }
  return paged<Asset>(tx, kAssetSelect, std::string(kAssetFrom) + " WHERE " + where,
                      std::move(params), "a.next_inspection IS NULL, a.next_inspection, a.id", page,
                      page_size, assetFrom);
}

Result<int64_t> insertAsset(storage::Tx& tx, const Asset& a, TimeMs now) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("INSERT INTO assets (building_id, street_id, community_id, grid_id, kind, name, "
               "location, owner, maintainer, last_inspection, next_inspection, created_at, "
               "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {a.building_id, a.place.street_id, storage::optionalValue(a.place.community_id),
                storage::optionalValue(a.place.grid_id), a.kind, a.name, a.location, a.owner,
                a.maintainer, optDate(a.last_inspection), optDate(a.next_inspection), now, now}));
  return rows.front().i64(0);
}

Status updateAsset(storage::Tx& tx, const Asset& a, TimeMs now) {
  return tx
      .exec(
          "UPDATE assets SET kind = ?, name = ?, location = ?, owner = ?, maintainer = ?, "
          "last_inspection = ?, next_inspection = ?, updated_at = ? WHERE id = ?",
          {a.kind, a.name, a.location, a.owner, a.maintainer, optDate(a.last_inspection),
           optDate(a.next_inspection), now, a.id})
      .status();
}

Result<std::optional<int64_t>> buildingIdByName(storage::Tx& tx, int64_t grid_id,
                                                const std::string& name) {
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         tx.query("SELECT id FROM buildings WHERE grid_id = ? AND name = ? "
                                  "ORDER BY id LIMIT 1",
                                  {grid_id, name}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows.front().i64(0));
}

Result<std::optional<int64_t>> householdIdByRoom(storage::Tx& tx, int64_t building_id,
                                                 const std::string& unit, const std::string& room) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT id FROM households WHERE building_id = ? AND unit = ? AND room = ?",
               {building_id, unit, room}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows.front().i64(0));
}

}  // namespace linli::registry::repo
