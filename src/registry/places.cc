#include "registry/area_code.h"
#include "registry/repo.h"

namespace linli::registry {

Result<ResolvedScope> Registry::resolve(storage::Tx& tx, const Scope& scope,
                                        const std::string& field) const {
  LINLI_ASSIGN_OR_RETURN(auto found, repo::findScope(tx, scope));
  if (!found)
    return Status(Code::kNotFound, std::string("no such ") + std::string(scopeKindName(scope.kind)),
                  field);
  return std::move(*found);
}

Result<int64_t> Registry::addStreet(storage::Tx& tx, const std::string& code,
                                    const std::string& name) {
  LINLI_TRY(checkStreetCode(code));
  return repo::insertPlace(tx, ScopeKind::kStreet, 0, code, name);
}

Result<int64_t> Registry::addCommunity(storage::Tx& tx, int64_t street_id, const std::string& code,
                                       const std::string& name) {
  LINLI_ASSIGN_OR_RETURN(auto street, repo::streets(tx, street_id));
  if (street.empty()) return invalidArgument("street_id", "no such street");
  LINLI_TRY(checkCommunityCode(code, street.front().code));
  return repo::insertPlace(tx, ScopeKind::kCommunity, street_id, code, name);
}

Result<int64_t> Registry::addGrid(storage::Tx& tx, int64_t community_id, const std::string& code,
                                  const std::string& name) {
  LINLI_TRY(checkGridCode(code));
  return repo::insertPlace(tx, ScopeKind::kGrid, community_id, code, name);
}

Result<nlohmann::json> Registry::placesTree(const Caller& caller) const {
  if (!caller.principal) return Status(Code::kUnauthenticated, "login required");
  const Scope scope = caller.principal->scope;
  return storage::readResult<nlohmann::json>(db_, [&](storage::Tx& tx) -> Result<nlohmann::json> {
    LINLI_ASSIGN_OR_RETURN(ResolvedScope mine, resolve(tx, scope));
    const PlacePath& p = mine.path;
    nlohmann::json streets = nlohmann::json::array();
    LINLI_ASSIGN_OR_RETURN(auto srows, repo::streets(tx, p.street_id));
    for (const auto& s : srows) {
      nlohmann::json communities = nlohmann::json::array();
      LINLI_ASSIGN_OR_RETURN(auto crows, repo::communities(tx, s.id, p.community_id));
      for (const auto& c : crows) {
        nlohmann::json grids = nlohmann::json::array();
        LINLI_ASSIGN_OR_RETURN(auto grows, repo::grids(tx, c.id, p.grid_id));
        for (const auto& g : grows)
          grids.push_back({{"id", std::to_string(g.id)}, {"code", g.code}, {"name", g.name}});
        communities.push_back(
            {{"id", std::to_string(c.id)}, {"code", c.code}, {"name", c.name}, {"grids", grids}});
      }
      streets.push_back({{"id", std::to_string(s.id)},
                         {"code", s.code},
                         {"name", s.name},
                         {"communities", communities}});
    }
    return nlohmann::json{{"streets", streets}};
  });
}

Result<std::optional<Registry::Location>> Registry::locate(
    storage::Tx& tx, std::optional<int64_t> building_id,
    std::optional<int64_t> household_id) const {
  Location at;
  if (household_id) {
    LINLI_ASSIGN_OR_RETURN(auto h, repo::findHousehold(tx, *household_id));
    if (!h) return std::optional<Location>();
    building_id = h->building_id;
    at.household_id = h->id;
    at.address = h->address();
  }
  if (!building_id) return std::optional<Location>();
  LINLI_ASSIGN_OR_RETURN(auto b, repo::findBuilding(tx, *building_id));
  if (!b) return std::optional<Location>();
  at.place = b->place;
  at.building_id = b->id;
  if (at.address.empty()) at.address = b->address;
  return std::optional<Location>(at);
}

}  // namespace linli::registry
