// Registry storage port: places, buildings, households, residents, assets,
// tags and resident history. Only registry/ includes this.
#pragma once

#include <optional>
#include <vector>

#include "registry/registry.h"

namespace linli::registry::repo {

// ---- places
struct PlaceRow {
  int64_t id;
  int64_t parent_id;  // 0 for streets
  std::string code;
  std::string name;
};
Result<std::optional<ResolvedScope>> findScope(storage::Tx& tx, const Scope& scope);
Result<std::vector<PlaceRow>> streets(storage::Tx& tx, std::optional<int64_t> only);
Result<std::vector<PlaceRow>> communities(storage::Tx& tx, int64_t street_id,
                                          std::optional<int64_t> only);
Result<std::vector<PlaceRow>> grids(storage::Tx& tx, int64_t community_id,
                                    std::optional<int64_t> only);
Result<int64_t> insertPlace(storage::Tx& tx, ScopeKind kind, int64_t parent_id,
                            const std::string& code, const std::string& name);

// ---- places administration (repo_places_admin.cc)
Result<std::optional<PlaceRow>> firstStreet(storage::Tx& tx);
Result<std::optional<Place>> findPlace(storage::Tx& tx, ScopeKind kind, int64_t id);
// Streets, communities and grids on `within`'s path (and, for a street, all below it).
Result<std::vector<Place>> placesWithin(storage::Tx& tx, const PlacePath& within,
                                        bool include_retired);
Result<std::optional<PlaceRow>> placeByCode(storage::Tx& tx, ScopeKind kind,
                                            const std::string& code);
Result<std::optional<int64_t>> gridByName(storage::Tx& tx, int64_t community_id,
                                          const std::string& name);
Status renamePlace(storage::Tx& tx, ScopeKind kind, int64_t id, const std::string& code,
                   const std::string& name);
Status setGridWorker(storage::Tx& tx, int64_t grid_id, std::optional<int64_t> user_id);
Status retirePlace(storage::Tx& tx, ScopeKind kind, int64_t id, TimeMs now);
Result<bool> isRetired(storage::Tx& tx, ScopeKind kind, int64_t id);
// What still lives in a place: active communities or grids below it,
// buildings, active residents, users (not disabled) scoped to it.
struct Holdings {
  int64_t places = 0, buildings = 0, residents = 0, users = 0;
};
Result<Holdings> holdings(storage::Tx& tx, ScopeKind kind, int64_t id);
struct WorkerCandidate {
  int64_t id = 0;
  std::string display_name, role, scope_kind;
  int64_t scope_id = 0;
  bool disabled = false;
};
Result<std::optional<WorkerCandidate>> workerCandidate(storage::Tx& tx, int64_t user_id);
Result<std::vector<int64_t>> residentIdsOfBuilding(storage::Tx& tx, int64_t building_id);
Result<int64_t> householdCount(storage::Tx& tx, int64_t building_id);
Status insertBuildingMove(storage::Tx& tx, const BuildingMove& m);
Result<std::vector<BuildingMove>> buildingMoves(storage::Tx& tx, int64_t building_id);

// ---- buildings, households, assets
Result<std::optional<Building>> findBuilding(storage::Tx& tx, int64_t id);
Result<Page<Building>> listBuildings(storage::Tx& tx, const PlacePath& within,
                                     std::optional<int64_t> grid_id,
                                     const std::optional<std::string>& q, int page, int page_size);
Result<int64_t> insertBuilding(storage::Tx& tx, const Building& b, TimeMs now);
Status updateBuilding(storage::Tx& tx, const Building& b, TimeMs now);
// Re-places the households, residents and assets of a building.
Status moveBuildingContents(storage::Tx& tx, int64_t building_id, const PlacePath& place);

struct HouseholdSecrets {
  std::optional<std::string> phone_sealed, phone_hash;
};
Result<std::optional<Household>> findHousehold(storage::Tx& tx, int64_t id);
Result<Page<Household>> listHouseholds(storage::Tx& tx, const PlacePath& within,
                                       std::optional<int64_t> building_id, int page, int page_size);
Result<int64_t> insertHousehold(storage::Tx& tx, const Household& h, const HouseholdSecrets& s,
                                TimeMs now);
Status updateHousehold(storage::Tx& tx, const Household& h,
                       const std::optional<HouseholdSecrets>& s, TimeMs now);

Result<std::optional<Asset>> findAsset(storage::Tx& tx, int64_t id);
Result<Page<Asset>> listAssets(storage::Tx& tx, const PlacePath& within,
                               std::optional<int64_t> building_id,
                               const std::optional<std::string>& kind,
                               std::optional<CivilDate> due_before, int page, int page_size);
Result<int64_t> insertAsset(storage::Tx& tx, const Asset& a, TimeMs now);
Status updateAsset(storage::Tx& tx, const Asset& a, TimeMs now);

// ---- residents
struct ResidentSecrets {
  std::string id_sealed, id_hash;
  std::optional<std::string> phone_sealed, phone_hash;
};
Result<std::optional<Resident>> findResident(storage::Tx& tx, int64_t id);
Result<std::optional<Registry::Contact>> residentContact(storage::Tx& tx, int64_t id);
Result<std::vector<Resident>> findResidents(storage::Tx& tx, const std::vector<int64_t>& ids);
Result<std::optional<int64_t>> residentIdByIdHash(storage::Tx& tx, const std::string& id_hash);
// The resident holding this ID number and where they are registered.
struct IdHolder {
  int64_t id = 0;
  PlacePath place;
};
Result<std::optional<IdHolder>> idHolder(storage::Tx& tx, const std::string& id_hash);
Result<Page<Resident>> listResidents(storage::Tx& tx, const PlacePath& within,
                                     const ResidentQuery& q,
                                     const std::optional<std::string>& id_hash);
Result<int64_t> insertResident(storage::Tx& tx, const Resident& r, const ResidentSecrets& s,
                               TimeMs now);
// Updates everything but the sealed ID number and phone.
Status updateResident(storage::Tx& tx, const Resident& r, TimeMs now);
Status setIdNumber(storage::Tx& tx, int64_t id, const std::string& sealed, const std::string& hash,
                   const std::string& last4);
// nullopt clears the phone.
Status setPhone(storage::Tx& tx, int64_t id, const std::optional<std::string>& sealed,
                const std::optional<std::string>& hash, const std::string& last4);
Result<std::optional<std::string>> sealedField(storage::Tx& tx, int64_t id,
                                               const std::string& field);
// The sealed phones of these residents (those without one left out) and where they live.
struct SealedPhone {
  int64_t id = 0;
  PlacePath place;
  std::string sealed;
};
Result<std::vector<SealedPhone>> sealedPhones(storage::Tx& tx, const std::vector<int64_t>& ids);
Status addHistory(storage::Tx& tx, int64_t resident_id, TimeMs at, const CivilDate& effective,
                  const std::string& kind, const std::string& detail, std::optional<int64_t> actor);
Result<std::vector<HistoryEntry>> history(storage::Tx& tx, int64_t resident_id);
// Calls fn for every resident in id order, in batches (start-up indexing).
Status forEachResident(storage::Tx& tx, const std::function<void(const Resident&)>& fn);

// ---- bulk import
struct GridRow {
  int64_t id;
  PlacePath place;
  std::string code, name;
};
// The grids in use (not retired), of one street or all.
Result<std::vector<GridRow>> gridsOfStreet(storage::Tx& tx, std::optional<int64_t> street_id);
Result<std::optional<int64_t>> buildingIdByName(storage::Tx& tx, int64_t grid_id,
                                                const std::string& name);
Result<std::optional<int64_t>> householdIdByRoom(storage::Tx& tx, int64_t building_id,
                                                 const std::string& unit, const std::string& room);
// Bulk inserts with ids chosen by the importer (one writer holds the
// transaction, so the next free id stays free) and no RETURNING, which costs
// SQLite a statement journal per row. False: the row exists already (same
// ID number; same building, unit and room) and nothing was written.
Result<int64_t> nextResidentId(storage::Tx& tx);
// A resident row ready to insert, built away from the writing thread: all but
// its id, household and building.
struct ResidentInsert {
  std::vector<storage::Value> values;
  std::vector<std::string> tags;
};
ResidentInsert residentInsert(Resident r, ResidentSecrets s, TimeMs now);
Result<bool> insertResidentIfNew(storage::Tx& tx, int64_t id, int64_t household_id,
                                 int64_t building_id, ResidentInsert& row);
Result<int64_t> nextHouseholdId(storage::Tx& tx);
Result<bool> insertHouseholdIfNew(storage::Tx& tx, int64_t id, const Household& h,
                                  const HouseholdSecrets& s, TimeMs now);

struct UploadRow {
  std::string filename;
  std::string body;  // the file's bytes as uploaded
};
Result<int64_t> insertUpload(storage::Tx& tx, int64_t owner_id, const std::string& filename,
                             const std::string& body, TimeMs now);
Result<std::optional<UploadRow>> findUpload(storage::Tx& tx, int64_t owner_id, int64_t id);
Status deleteUploadsBefore(storage::Tx& tx, TimeMs before);
Status deleteUpload(storage::Tx& tx, int64_t id);

// ---- tags
struct TagRow {
  std::string code, name;
  std::optional<int64_t> community_id;
};
Result<std::vector<TagRow>> customTags(storage::Tx& tx, int64_t street_id);
Status insertTag(storage::Tx& tx, const std::string& code, const std::string& name,
                 int64_t street_id, std::optional<int64_t> community_id, TimeMs now);

}  // namespace linli::registry::repo
