// Moving a building to another grid (places.manage over both grids), and the
// building's moves as kept.
#include "common/text_check.h"
#include "registry/guard.h"
#include "registry/relocate.h"
#include "registry/repo.h"

namespace linli::registry {

Result<std::vector<int64_t>> relocate(storage::Tx& tx, Building& b, const PlacePath& to,
                                      std::optional<int64_t> actor, TimeMs now,
                                      const std::string& note) {
  BuildingMove m;
  m.building_id = b.id;
  m.at = now;
  m.actor_id = actor;
  m.from_grid_id = b.place.grid_id.value_or(0);
  m.to_grid_id = to.grid_id.value_or(0);
  m.note = note;
  LINLI_ASSIGN_OR_RETURN(std::vector<int64_t> moved, repo::residentIdsOfBuilding(tx, b.id));
  LINLI_ASSIGN_OR_RETURN(m.households, repo::householdCount(tx, b.id));
  m.residents = static_cast<int64_t>(moved.size());
  b.place = to;
  LINLI_TRY(repo::updateBuilding(tx, b, now));
  LINLI_TRY(repo::moveBuildingContents(tx, b.id, to));
  LINLI_TRY(repo::insertBuildingMove(tx, m));
  return moved;
}

Result<Building> Registry::moveBuilding(const Caller& caller, int64_t id, int64_t to_grid_id,
                                        const std::string& note_in) {
  LINLI_ASSIGN_OR_RETURN(std::string note, cleanFreeText(note_in, "note"));
  std::vector<int64_t> moved;
  auto out = guarded<Building>(
      db_, audit_, caller, "places.manage", true,
      [&](storage::Tx& tx, Guard& guard) -> Result<Building> {
        LINLI_ASSIGN_OR_RETURN(auto b, repo::findBuilding(tx, id));
        if (!b) return notFound("building not found");
        LINLI_TRY(guard.within(b->place, "building", id));
        LINLI_ASSIGN_OR_RETURN(auto to, repo::findPlace(tx, ScopeKind::kGrid, to_grid_id));
        LINLI_ASSIGN_OR_RETURN(auto to_path, repo::findScope(tx, {ScopeKind::kGrid, to_grid_id}));
        if (!to || !to_path || !guard.within(to_path->path, "grid", to_grid_id).ok())
          return invalidArgument("grid_id", "no such grid");
        if (to->retired_at) return invalidArgument("grid_id", to->name + " is retired");
        if (b->place.grid_id == to_grid_id)
          return invalidArgument("grid_id", b->name + " is in " + to->name + " already");
        const int64_t from = b->place.grid_id.value_or(0);
        LINLI_ASSIGN_OR_RETURN(
            moved, relocate(tx, *b, to_path->path, caller.principal->user_id, clock_.now(), note));
        LINLI_TRY(guard.audited(
            tx, "registry.building.move", "building", std::to_string(id),
            {{"from_grid_id", from}, {"to_grid_id", to_grid_id}, {"residents", moved.size()}}));
        LINLI_ASSIGN_OR_RETURN(auto fresh, repo::findBuilding(tx, id));
        return std::move(*fresh);
      });
  // The smart report's index and others see the residents' new grid at once.
  if (out.ok()) LINLI_TRY(notifyChanged(moved));
  return out;
}

Result<std::vector<BuildingMove>> Registry::buildingMoves(const Caller& caller, int64_t id) {
  return guarded<std::vector<BuildingMove>>(
      db_, audit_, caller, "registry.read", false,
      [&](storage::Tx& tx, Guard& guard) -> Result<std::vector<BuildingMove>> {
        LINLI_ASSIGN_OR_RETURN(auto b, repo::findBuilding(tx, id));
        if (!b) return notFound("building not found");
        LINLI_TRY(guard.within(b->place, "building", id));
        return repo::buildingMoves(tx, id);
      });
}

}  // namespace linli::registry
