// Registry door: the community's base data (一户一档). Places (street →
// community → grid, with 12-digit area codes), buildings, households,
// residents and assets. Every call takes the Caller and holds the data
// scope: a grid worker reads and edits only their grid, a community admin
// only their community; out-of-scope records are reported as not found and
// the attempt is audited. ID numbers are validated (GB 11643), stored sealed
// with a keyed hash for look-up and the last 4 characters for display;
// revealing one is a separate, audited permission. Residents are never
// deleted: moves, moving out and deaths are history. Listeners hear about
// every committed resident change (the smart report keeps its index fresh).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "access/access.h"
#include "audit/audit.h"
#include "common/clock.h"
#include "common/result.h"
#include "common/scope.h"
#include "crypto/keys.h"
#include "module/module.h"
#include "registry/id_lookups.h"
#include "registry/import_source.h"
#include "registry/model.h"
#include "registry/places_model.h"
#include "storage/db.h"

namespace linli::http {
class Router;
}

namespace linli::registry {

using ResolvedScope = access::ResolvedPlace;
using access::covers;
using access::placeOf;

// Told after commit about each resident created or changed (moved, tagged…).
using ResidentListener = std::function<void(const Resident&)>;

class Registry final : public access::Places {
 public:
  // `keys` and `audit` may be null for place-only use (tools, tests of other modules).
  Registry(storage::Db& db, const Clock& clock, const crypto::Keys* keys = nullptr,
           audit::AuditLog* audit = nullptr)
      : db_(db), clock_(clock), keys_(keys), audit_(audit) {}

  // ---- places
  Result<ResolvedScope> resolve(storage::Tx& tx, const Scope& scope,
                                const std::string& field = "scope") const override;
  Result<nlohmann::json> placesTree(const Caller& caller) const;
  Result<int64_t> addStreet(storage::Tx& tx, const std::string& code, const std::string& name);
  Result<int64_t> addCommunity(storage::Tx& tx, int64_t street_id, const std::string& code,
                               const std::string& name);
  Result<int64_t> addGrid(storage::Tx& tx, int64_t community_id, const std::string& code,
                          const std::string& name);

  // ---- places administration (places.manage; audited). A street is created
  // once, by `linli setup`; the street admin then manages its communities and
  // grids, a community admin the grids of their community. Codes are checked
  // for structure and prefix (area_code.h). Retiring is refused while the
  // place still holds something, naming what: active communities or grids,
  // buildings (move them first), or users scoped to it.
  // The street's id, if one exists yet (the first-run page; operators' defaults).
  Result<std::optional<int64_t>> firstStreetId() const;
  // Operators: the street of a new deployment, in the caller's transaction;
  // FailedPrecondition when a street exists already.
  Result<int64_t> setupStreet(storage::Tx& tx, const std::string& code, const std::string& name);
  // The places under the caller's scope, with counts and grid workers.
  Result<std::vector<Place>> listPlaces(const Caller& caller, bool include_retired) const;
  Result<Place> createCommunity(const Caller& caller, const PlaceInput& in);
  Result<Place> createGrid(const Caller& caller, int64_t community_id, const PlaceInput& in);
  Result<Place> updatePlace(const Caller& caller, ScopeKind kind, int64_t id, const PlaceInput& in);
  Result<Place> retirePlace(const Caller& caller, ScopeKind kind, int64_t id);
  // Moves a building with its households, residents and assets to another
  // grid (places.manage over both); the move is kept, the listeners told.
  Result<Building> moveBuilding(const Caller& caller, int64_t id, int64_t to_grid_id,
                                const std::string& note);
  Result<std::vector<BuildingMove>> buildingMoves(const Caller& caller, int64_t id);
  // Communities and grids from a spreadsheet, all or nothing; the rows name
  // the caller's street. Existing places (same code, or same grid name in the
  // community) are left as they are.
  Result<PlacesImportSummary> importPlaces(const Caller& caller, const std::string& bytes,
                                           bool dry_run);

  // Where a building or household is, for other modules placing their records
  // (a request filed "at my building"); no scope check: the caller decides
  // what may be placed where. The household wins when both are given.
  struct Location {
    PlacePath place;
    std::optional<int64_t> building_id, household_id;
    std::string address;
  };
  // A resident's registry name and phone as stored (sealed, with its last
  // four), for modules reaching them on their behalf (a request they filed);
  // no scope check.
  struct Contact {
    std::string name, phone_last4;
    std::optional<std::string> phone_sealed;
  };
  Result<std::optional<Contact>> residentContact(storage::Tx& tx, int64_t resident_id) const;
  Result<std::optional<Location>> locate(storage::Tx& tx, std::optional<int64_t> building_id,
                                         std::optional<int64_t> household_id) const;

  // ---- buildings, households, assets
  Result<Building> createBuilding(const Caller& caller, const BuildingInput& in);
  Result<Building> updateBuilding(const Caller& caller, int64_t id, const BuildingInput& in);
  Result<Building> getBuilding(const Caller& caller, int64_t id);
  Result<Page<Building>> listBuildings(const Caller& caller, std::optional<int64_t> grid_id,
                                       std::optional<std::string> q, int page, int page_size);
  Result<Household> createHousehold(const Caller& caller, const HouseholdInput& in);
  Result<Household> updateHousehold(const Caller& caller, int64_t id, const HouseholdInput& in);
  Result<Household> getHousehold(const Caller& caller, int64_t id);
  Result<Page<Household>> listHouseholds(const Caller& caller, std::optional<int64_t> building_id,
                                         int page, int page_size);
  Result<Asset> createAsset(const Caller& caller, const AssetInput& in);
  Result<Asset> updateAsset(const Caller& caller, int64_t id, const AssetInput& in);
  // All-or-nothing bulk creation; returns how many were created.
  Result<int64_t> importAssets(const Caller& caller, const std::vector<AssetImport>& assets);
  Result<Page<Asset>> listAssets(const Caller& caller, std::optional<int64_t> building_id,
                                 std::optional<std::string> kind,
                                 std::optional<CivilDate> due_before, int page, int page_size);

  // ---- residents
  Result<Resident> createResident(const Caller& caller, const ResidentInput& in);
  Result<Resident> updateResident(const Caller& caller, int64_t id, const ResidentInput& in);
  Result<Resident> getResident(const Caller& caller, int64_t id);
  Result<Page<Resident>> listResidents(const Caller& caller, const ResidentQuery& query);
  // The residents with these ids that lie in the caller's scope, in id order.
  Result<std::vector<Resident>> residentsByIds(const Caller& caller,
                                               const std::vector<int64_t>& ids);
  Result<std::vector<HistoryEntry>> residentHistory(const Caller& caller, int64_t id);
  // kind: moved (to household_id) | moved_out | returned (to household_id) | deceased
  Result<Resident> recordLifeEvent(const Caller& caller, int64_t id, const std::string& kind,
                                   std::optional<int64_t> household_id, const CivilDate& date,
                                   const std::string& note);
  // The full ID number or phone; audited. field: id_number | phone
  Result<std::string> reveal(const Caller& caller, int64_t id, const std::string& field,
                             const std::string& reason);
  // The full phones of those of these residents in the caller's scope (id →
  // number; none without a phone), for one audited bulk export (reports' call
  // list): the exporting room checks its own permission and writes the one
  // audit line for the whole file. Never logged.
  Result<std::map<int64_t, std::string>> phonesForExport(const Caller& caller,
                                                         const std::vector<int64_t>& ids);
  Result<nlohmann::json> tagsVisibleTo(const Caller& caller);
  Result<nlohmann::json> createTag(const Caller& caller, const std::string& code,
                                   const std::string& name);

  // All-or-nothing: every row is checked first; one bad row and nothing is
  // written (errors name row and field). Residents are matched by ID number,
  // so importing the same file again updates instead of duplicating.
  // Rows are read once, checked and written as they come (on a second thread
  // the next rows are parsed and sealed meanwhile); any bad row rolls it all back.
  Result<ImportSummary> importResidents(const Caller& caller, ImportSource& rows,
                                        const ImportOptions& options);
  // The same for operators on the command line (and demo data): no scope.
  Result<ImportSummary> importResidentsAsOperator(ImportSource& rows, const ImportOptions& options);

  // The import wizard: upload (parsed and kept), then dry runs and a commit
  // with a column mapping (header → import field, or null to ignore).
  Result<nlohmann::json> storeUpload(const Caller& caller, const std::string& filename,
                                     std::string bytes);
  Result<ImportSummary> importUpload(
      const Caller& caller, int64_t upload_id,
      const std::map<std::string, std::optional<std::string>>& mapping,
      const ImportOptions& options);

  void addResidentListener(ResidentListener listener);
  // Every resident (any status), for building indexes at start; in id order.
  Status forEachResident(const std::function<void(const Resident&)>& fn) const;
  const Clock& clock() const { return clock_; }
  const crypto::Keys* keys() const { return keys_; }

 private:
  void notify(const Resident& r);
  // Tells the listeners about residents written in bulk, read back in chunks.
  Status notifyChanged(const std::vector<int64_t>& ids);
  Result<ImportSummary> runImport(const Caller& caller, ImportSource& rows,
                                  const ImportOptions& options, bool is_operator);
  Status denyOutOfScope(const Caller& caller, const std::string& type, int64_t id) const;

  storage::Db& db_;
  const Clock& clock_;
  const crypto::Keys* keys_;
  audit::AuditLog* audit_;
  IdLookups id_lookups_{clock_};
  std::vector<ResidentListener> listeners_;
};

void registerRoutes(http::Router& router, Registry& registry);

// The actions this module checks and which roles hold them (permissions.cc).
std::vector<access::Rule> grants();
// This module as a room of the composition root (module.cc).
module::RoomDef room();

}  // namespace linli::registry
