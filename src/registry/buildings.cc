// Use cases for buildings, households and assets.
#include <map>

#include "common/json_input.h"
#include "personal/personal_data.h"
#include "registry/guard.h"
#include "registry/relocate.h"
#include "registry/repo.h"

namespace linli::registry {

namespace {

Status textLength(const std::optional<std::string>& v, const std::string& field, size_t lo,
                  size_t hi) {
  if (!v) return Status::Ok();
  size_t n = json_input::utf8Length(*v);
  if (n < lo || n > hi)
    return invalidArgument(field, field + " must have " + std::to_string(lo) + " to " +
                                      std::to_string(hi) + " characters");
  return Status::Ok();
}

Status range(const std::optional<int>& v, const std::string& field, int lo, int hi) {
  if (v && (*v < lo || *v > hi))
    return invalidArgument(
        field, field + " must be from " + std::to_string(lo) + " to " + std::to_string(hi));
  return Status::Ok();
}

Status validate(const BuildingInput& in) {
  LINLI_TRY(textLength(in.name, "name", 1, 64));
  LINLI_TRY(textLength(in.address, "address", 1, 128));
  LINLI_TRY(range(in.units, "units", 1, 50));
  LINLI_TRY(range(in.floors, "floors", 1, 200));
  LINLI_TRY(range(in.elevators, "elevators", 0, 50));
  if (in.lat && (*in.lat < -90 || *in.lat > 90))
    return invalidArgument("lat", "lat must be from -90 to 90");
  if (in.lng && (*in.lng < -180 || *in.lng > 180))
    return invalidArgument("lng", "lng must be from -180 to 180");
  return Status::Ok();
}

Result<std::optional<CivilDate>> dateField(const std::optional<std::string>& v,
                                           const std::string& field) {
  if (!v || v->empty()) return std::optional<CivilDate>();
  auto d = parseDate(*v);
  if (!d) return invalidArgument(field, field + " must be a date like 2026-11-22");
  return std::optional<CivilDate>(*d);
}

// The grid's place, checked against the caller's scope (field names the input).
Result<PlacePath> gridPlace(storage::Tx& tx, Guard& guard, int64_t grid_id) {
  LINLI_ASSIGN_OR_RETURN(auto found, repo::findScope(tx, {ScopeKind::kGrid, grid_id}));
  if (!found) return invalidArgument("grid_id", "no such grid");
  Status st = guard.within(found->path, "grid", grid_id);
  if (!st.ok()) return invalidArgument("grid_id", "no such grid");
  LINLI_ASSIGN_OR_RETURN(bool retired, repo::isRetired(tx, ScopeKind::kGrid, grid_id));
  if (retired) return invalidArgument("grid_id", found->name + " is retired");
  return found->path;
}

Result<Building> visibleBuilding(storage::Tx& tx, Guard& guard, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto b, repo::findBuilding(tx, id));
  if (!b) return notFound("building not found");
  LINLI_TRY(guard.within(b->place, "building", id));
  return std::move(*b);
}

}  // namespace

Result<Building> Registry::createBuilding(const Caller& caller, const BuildingInput& in) {
  if (!in.grid_id) return invalidArgument("grid_id", "grid_id is required");
  if (!in.name) return invalidArgument("name", "name is required");
  if (!in.address) return invalidArgument("address", "address is required");
  LINLI_TRY(validate(in));
  return guarded<Building>(
      db_, audit_, caller, "registry.write", true,
      [&](storage::Tx& tx, Guard& guard) -> Result<Building> {
        Building b;
        LINLI_ASSIGN_OR_RETURN(b.place, gridPlace(tx, guard, *in.grid_id));
        b.name = *in.name;
        b.address = *in.address;
        b.units = in.units.value_or(1);
        b.floors = in.floors.value_or(1);
        b.elevators = in.elevators.value_or(0);
        b.lat = in.lat;
        b.lng = in.lng;
        LINLI_ASSIGN_OR_RETURN(int64_t id, repo::insertBuilding(tx, b, clock_.now()));
        LINLI_TRY(guard.audited(tx, "registry.building.create", "building", std::to_string(id)));
        LINLI_ASSIGN_OR_RETURN(auto fresh, repo::findBuilding(tx, id));
        return std::move(*fresh);
      });
}

Result<Building> Registry::updateBuilding(const Caller& caller, int64_t id,
                                          const BuildingInput& in) {
  LINLI_TRY(validate(in));
  std::vector<int64_t> moved;
  auto out = guarded<Building>(
      db_, audit_, caller, "registry.write", true,
      [&](storage::Tx& tx, Guard& guard) -> Result<Building> {
        LINLI_ASSIGN_OR_RETURN(Building b, visibleBuilding(tx, guard, id));
        std::optional<PlacePath> to;
        if (in.grid_id && *in.grid_id != b.place.grid_id) {
          LINLI_ASSIGN_OR_RETURN(to, gridPlace(tx, guard, *in.grid_id));
        }
        if (in.name) b.name = *in.name;
        if (in.address) b.address = *in.address;
        if (in.units) b.units = *in.units;
        if (in.floors) b.floors = *in.floors;
        if (in.elevators) b.elevators = *in.elevators;
        if (in.lat) b.lat = in.lat;
        if (in.lng) b.lng = in.lng;
        LINLI_TRY(repo::updateBuilding(tx, b, clock_.now()));
        if (to) {
          // Households, residents and assets follow their building into the
          // new grid; the move is kept.
          LINLI_ASSIGN_OR_RETURN(moved,
                                 relocate(tx, b, *to, caller.principal->user_id, clock_.now(), ""));
        }
        LINLI_TRY(guard.audited(tx, "registry.building.update", "building", std::to_string(id)));
        LINLI_ASSIGN_OR_RETURN(auto fresh, repo::findBuilding(tx, id));
        return std::move(*fresh);
      });
  // The residents' new grid reaches the listeners (the smart report's index).
  if (out.ok()) LINLI_TRY(notifyChanged(moved));
  return out;
}

Result<Building> Registry::getBuilding(const Caller& caller, int64_t id) {
  return guarded<Building>(
      db_, audit_, caller, "registry.read", false,
      [&](storage::Tx& tx, Guard& guard) { return visibleBuilding(tx, guard, id); });
}

Result<Page<Building>> Registry::listBuildings(const Caller& caller, std::optional<int64_t> grid_id,
                                               std::optional<std::string> q, int page,
                                               int page_size) {
  return guarded<Page<Building>>(
      db_, audit_, caller, "registry.read", false, [&](storage::Tx& tx, Guard&) {
        return repo::listBuildings(tx, placeOf(*caller.principal), grid_id, q, page, page_size);
      });
}

Result<Household> Registry::createHousehold(const Caller& caller, const HouseholdInput& in) {
  if (!in.building_id) return invalidArgument("building_id", "building_id is required");
  if (!in.unit) return invalidArgument("unit", "unit is required");
  if (!in.room) return invalidArgument("room", "room is required");
  LINLI_TRY(textLength(in.unit, "unit", 1, 8));
  LINLI_TRY(textLength(in.room, "room", 1, 16));
  std::string type = in.residence_type.value_or("actual");
  if (type != "registered" && type != "actual")
    return invalidArgument("residence_type", "residence_type must be registered or actual");
  std::optional<std::string> phone;
  if (in.phone && !in.phone->empty()) {
    LINLI_ASSIGN_OR_RETURN(phone, personal::normalizePhone(*in.phone));
  }
  return guarded<Household>(
      db_, audit_, caller, "registry.write", true,
      [&](storage::Tx& tx, Guard& guard) -> Result<Household> {
        auto b = visibleBuilding(tx, guard, *in.building_id);
        if (!b.ok()) return invalidArgument("building_id", "no such building");
        Household h;
        h.building_id = b->id;
        h.place = b->place;
        h.unit = *in.unit;
        h.room = *in.room;
        h.residence_type = type;
        repo::HouseholdSecrets secrets;
        if (phone && keys_) {
          personal::StoredSecret s = personal::storeSecret(*keys_, personal::kPhonePurpose, *phone);
          secrets = {s.sealed, s.hash};
          h.phone_last4 = s.last4;
        }
        LINLI_ASSIGN_OR_RETURN(int64_t id, repo::insertHousehold(tx, h, secrets, clock_.now()));
        LINLI_TRY(guard.audited(tx, "registry.household.create", "household", std::to_string(id)));
        LINLI_ASSIGN_OR_RETURN(auto fresh, repo::findHousehold(tx, id));
        return std::move(*fresh);
      });
}

Result<Household> Registry::updateHousehold(const Caller& caller, int64_t id,
                                            const HouseholdInput& in) {
  LINLI_TRY(textLength(in.unit, "unit", 1, 8));
  LINLI_TRY(textLength(in.room, "room", 1, 16));
  if (in.residence_type && *in.residence_type != "registered" && *in.residence_type != "actual")
    return invalidArgument("residence_type", "residence_type must be registered or actual");
  std::optional<std::string> phone;
  if (in.phone && !in.phone->empty()) {
    LINLI_ASSIGN_OR_RETURN(phone, personal::normalizePhone(*in.phone));
  }
  return guarded<Household>(
      db_, audit_, caller, "registry.write", true,
      [&](storage::Tx& tx, Guard& guard) -> Result<Household> {
        LINLI_ASSIGN_OR_RETURN(auto found, repo::findHousehold(tx, id));
        if (!found) return notFound("household not found");
        LINLI_TRY(guard.within(found->place, "household", id));
        Household h = *found;
        if (in.unit) h.unit = *in.unit;
        if (in.room) h.room = *in.room;
        if (in.residence_type) h.residence_type = *in.residence_type;
        std::optional<repo::HouseholdSecrets> secrets;
        if (in.phone) {  // "" clears the phone
          secrets = repo::HouseholdSecrets{};
          h.phone_last4.clear();
          if (phone && keys_) {
            personal::StoredSecret s =
                personal::storeSecret(*keys_, personal::kPhonePurpose, *phone);
            secrets = repo::HouseholdSecrets{s.sealed, s.hash};
            h.phone_last4 = s.last4;
          }
        }
        LINLI_TRY(repo::updateHousehold(tx, h, secrets, clock_.now()));
        LINLI_TRY(guard.audited(tx, "registry.household.update", "household", std::to_string(id)));
        LINLI_ASSIGN_OR_RETURN(auto fresh, repo::findHousehold(tx, id));
        return std::move(*fresh);
      });
}

Result<Household> Registry::getHousehold(const Caller& caller, int64_t id) {
  return guarded<Household>(db_, audit_, caller, "registry.read", false,
                            [&](storage::Tx& tx, Guard& guard) -> Result<Household> {
                              LINLI_ASSIGN_OR_RETURN(auto h, repo::findHousehold(tx, id));
                              if (!h) return notFound("household not found");
                              LINLI_TRY(guard.within(h->place, "household", id));
                              return std::move(*h);
                            });
}

Result<Page<Household>> Registry::listHouseholds(const Caller& caller,
                                                 std::optional<int64_t> building_id, int page,
                                                 int page_size) {
  return guarded<Page<Household>>(
      db_, audit_, caller, "registry.read", false, [&](storage::Tx& tx, Guard&) {
        return repo::listHouseholds(tx, placeOf(*caller.principal), building_id, page, page_size);
      });
}

namespace {
Status validate(const AssetInput& in) {
  if (in.kind && !oneOf(assetKinds(), *in.kind))
    return invalidArgument("kind",
                           "kind must be elevator, fire_equipment, camera, "
                           "charging_station or other");
  LINLI_TRY(textLength(in.name, "name", 1, 64));
  LINLI_TRY(textLength(in.location, "location", 0, 128));
  LINLI_TRY(textLength(in.owner, "owner", 0, 64));
  LINLI_TRY(textLength(in.maintainer, "maintainer", 0, 64));
  return Status::Ok();
}
}  // namespace

Result<Asset> Registry::createAsset(const Caller& caller, const AssetInput& in) {
  if (!in.building_id) return invalidArgument("building_id", "building_id is required");
  if (!in.kind) return invalidArgument("kind", "kind is required");
  if (!in.name) return invalidArgument("name", "name is required");
  LINLI_TRY(validate(in));
  LINLI_ASSIGN_OR_RETURN(auto last, dateField(in.last_inspection, "last_inspection"));
  LINLI_ASSIGN_OR_RETURN(auto next, dateField(in.next_inspection, "next_inspection"));
  return guarded<Asset>(
      db_, audit_, caller, "registry.write", true,
      [&](storage::Tx& tx, Guard& guard) -> Result<Asset> {
        auto b = visibleBuilding(tx, guard, *in.building_id);
        if (!b.ok()) return invalidArgument("building_id", "no such building");
        Asset a;
        a.building_id = b->id;
        a.place = b->place;
        a.kind = *in.kind;
        a.name = *in.name;
        a.location = in.location.value_or("");
        a.owner = in.owner.value_or("");
        a.maintainer = in.maintainer.value_or("");
        a.last_inspection = last;
        a.next_inspection = next;
        LINLI_ASSIGN_OR_RETURN(int64_t id, repo::insertAsset(tx, a, clock_.now()));
        LINLI_TRY(guard.audited(tx, "registry.asset.create", "asset", std::to_string(id)));
        LINLI_ASSIGN_OR_RETURN(auto fresh, repo::findAsset(tx, id));
        return std::move(*fresh);
      });
}

Result<int64_t> Registry::importAssets(const Caller& caller,
                                       const std::vector<AssetImport>& assets) {
  for (const auto& a : assets) {
    LINLI_TRY(validate(a.input));
    if (!a.input.kind || !a.input.name)
      return invalidArgument("kind", "kind and name are required");
  }
  return guarded<int64_t>(
      db_, audit_, caller, "registry.write", true,
      [&](storage::Tx& tx, Guard& guard) -> Result<int64_t> {
        LINLI_ASSIGN_OR_RETURN(auto grids, repo::gridsOfStreet(tx, caller.principal->street_id));
        std::map<std::string, const repo::GridRow*> by_code;
        for (const auto& g : grids) by_code[g.code] = &g;
        const TimeMs now = clock_.now();
        for (const auto& in : assets) {
          auto g = by_code.find(in.grid_code);
          if (g == by_code.end()) return invalidArgument("grid", "no grid " + in.grid_code);
          LINLI_TRY(guard.within(g->second->place, "grid", g->second->id));
          LINLI_ASSIGN_OR_RETURN(auto building,
                                 repo::buildingIdByName(tx, g->second->id, in.building));
          if (!building) return invalidArgument("building", "no building " + in.building);
          LINLI_ASSIGN_OR_RETURN(auto last, dateField(in.input.last_inspection, "last_inspection"));
          LINLI_ASSIGN_OR_RETURN(auto next, dateField(in.input.next_inspection, "next_inspection"));
          Asset a;
          a.building_id = *building;
          a.place = g->second->place;
          a.kind = *in.input.kind;
          a.name = *in.input.name;
          a.location = in.input.location.value_or("");
          a.owner = in.input.owner.value_or("");
          a.maintainer = in.input.maintainer.value_or("");
          a.last_inspection = last;
          a.next_inspection = next;
          LINLI_TRY(repo::insertAsset(tx, a, now).status());
        }
        LINLI_TRY(
            guard.audited(tx, "registry.asset.import", "assets", "", {{"count", assets.size()}}));
        return static_cast<int64_t>(assets.size());
      });
}

Result<Asset> Registry::updateAsset(const Caller& caller, int64_t id, const AssetInput& in) {
  LINLI_TRY(validate(in));
  LINLI_ASSIGN_OR_RETURN(auto last, dateField(in.last_inspection, "last_inspection"));
  LINLI_ASSIGN_OR_RETURN(auto next, dateField(in.next_inspection, "next_inspection"));
  return guarded<Asset>(
      db_, audit_, caller, "registry.write", true,
      [&](storage::Tx& tx, Guard& guard) -> Result<Asset> {
        LINLI_ASSIGN_OR_RETURN(auto found, repo::findAsset(tx, id));
        if (!found) return notFound("asset not found");
        LINLI_TRY(guard.within(found->place, "asset", id));
        Asset a = *found;
        if (in.kind) a.kind = *in.kind;
        if (in.name) a.name = *in.name;
        if (in.location) a.location = *in.location;
        if (in.owner) a.owner = *in.owner;
        if (in.maintainer) a.maintainer = *in.maintainer;
        if (in.last_inspection) a.last_inspection = last;
        if (in.next_inspection) a.next_inspection = next;
        LINLI_TRY(repo::updateAsset(tx, a, clock_.now()));
        LINLI_TRY(guard.audited(tx, "registry.asset.update", "asset", std::to_string(id)));
        LINLI_ASSIGN_OR_RETURN(auto fresh, repo::findAsset(tx, id));
        return std::move(*fresh);
      });
}

Result<Page<Asset>> Registry::listAssets(const Caller& caller, std::optional<int64_t> building_id,
                                         std::optional<std::string> kind,
                                         std::optional<CivilDate> due_before, int page,
                                         int page_size) {
  return guarded<Page<Asset>>(db_, audit_, caller, "registry.read", false,
                              [&](storage::Tx& tx, Guard&) {
                                return repo::listAssets(tx, placeOf(*caller.principal), building_id,
                                                        kind, due_before, page, page_size);
                              });
}

}  // namespace linli::registry
