// Use cases of places administration: a new deployment's street, and the
// street's communities and grids (create, edit, set a grid's worker, retire).
#include "common/json_input.h"
#include "common/text_check.h"
#include "registry/area_code.h"
#include "registry/guard.h"
#include "registry/repo.h"

namespace linli::registry {

namespace {

constexpr std::string_view kManage = "places.manage";

Status checkPlaceName(const std::string& name) {
  size_t n = json_input::utf8Length(name);
  if (n < 1 || n > 32) return invalidArgument("name", "name must have 1 to 32 characters");
  return checkName(name, "name");
}

PlacePath pathOf(const Place& p, int64_t street_id) {
  switch (p.kind) {
    case ScopeKind::kStreet:
      return {p.id, std::nullopt, std::nullopt};
    case ScopeKind::kCommunity:
      return {p.parent_id, p.id, std::nullopt};
    case ScopeKind::kGrid:
      return {street_id, p.parent_id, p.id};
  }
  return {};
}

// A street or community is managed from the street; a grid also from its community.
bool streetLevel(const Caller& caller) { return !placeOf(*caller.principal).community_id; }

Result<Place> placeFor(storage::Tx& tx, Guard& guard, const Caller& caller, ScopeKind kind,
                       int64_t id) {
  const std::string type(scopeKindName(kind));
  LINLI_ASSIGN_OR_RETURN(auto found, repo::findPlace(tx, kind, id));
  if (!found) return notFound(type + " not found");
  int64_t street_id = found->parent_id;
  if (kind == ScopeKind::kGrid) {
    LINLI_ASSIGN_OR_RETURN(auto c, repo::findPlace(tx, ScopeKind::kCommunity, found->parent_id));
    street_id = c ? c->parent_id : 0;
  }
  LINLI_TRY(guard.within(pathOf(*found, street_id), type, id));
  if (kind != ScopeKind::kGrid && !streetLevel(caller))
    return permissionDenied("only the street manages its " + type +
                            (kind == ScopeKind::kStreet ? "" : "s"));
  return std::move(*found);
}

// Unique codes, named in the error so the admin sees which place has it.
Status codeFree(storage::Tx& tx, ScopeKind kind, const std::string& code, int64_t self) {
  LINLI_ASSIGN_OR_RETURN(auto holder, repo::placeByCode(tx, kind, code));
  if (holder && holder->id != self)
    return conflict("the code " + code + " is already " + holder->name + "'s", "code");
  return Status::Ok();
}

// A grid's worker is a grid_worker whose scope is that grid.
Status checkWorker(storage::Tx& tx, int64_t grid_id, int64_t user_id) {
  LINLI_ASSIGN_OR_RETURN(auto u, repo::workerCandidate(tx, user_id));
  if (!u || u->disabled) return invalidArgument("worker_id", "no such user");
  if (u->role != "grid_worker")
    return invalidArgument("worker_id", u->display_name + " is not a grid worker");
  if (u->scope_kind != "grid" || u->scope_id != grid_id)
    return invalidArgument("worker_id", u->display_name +
                                            "'s scope is another place: give them this grid "
                                            "as their scope first");
  return Status::Ok();
}

// Why a place cannot be retired yet, or Ok when it is empty.
Status emptyEnoughToRetire(storage::Tx& tx, const Place& p) {
  LINLI_ASSIGN_OR_RETURN(repo::Holdings h, repo::holdings(tx, p.kind, p.id));
  std::string why;
  auto add = [&why](const std::string& part) { why += (why.empty() ? "" : "; ") + part; };
  if (h.places > 0)
    add(std::to_string(h.places) +
        (p.kind == ScopeKind::kStreet ? " active communities" : " active grids") +
        ": retire them first");
  if (h.buildings > 0)
    add(std::to_string(h.buildings) + " buildings with " + std::to_string(h.residents) +
        " residents: move the buildings to another grid first");
  if (h.users > 0)
    add(std::to_string(h.users) + " users scoped to it: change their scope or disable them first");
  if (why.empty()) return Status::Ok();
  return conflict(p.name + " cannot be retired, it still has " + why);
}

}  // namespace

Result<std::optional<int64_t>> Registry::firstStreetId() const {
  return storage::readResult<std::optional<int64_t>>(
      db_, [](storage::Tx& tx) -> Result<std::optional<int64_t>> {
        LINLI_ASSIGN_OR_RETURN(auto s, repo::firstStreet(tx));
        return s ? std::optional<int64_t>(s->id) : std::nullopt;
      });
}

Result<int64_t> Registry::setupStreet(storage::Tx& tx, const std::string& code,
                                      const std::string& name) {
  if (Status named = checkPlaceName(name); !named.ok())
    return invalidArgument("street_name", named.message());
  LINLI_TRY(checkStreetCode(code, {}, "street_code"));
  LINLI_ASSIGN_OR_RETURN(auto existing, repo::firstStreet(tx));
  if (existing)
    return Status(Code::kFailedPrecondition, "a street exists already: " + existing->name + " (" +
                                                 existing->code + "); setup runs once");
  LINLI_ASSIGN_OR_RETURN(int64_t id, repo::insertPlace(tx, ScopeKind::kStreet, 0, code, name));
  if (audit_)
    LINLI_TRY(audit_->record(tx, Caller{std::nullopt, "cli", "operator"},
                             {.action = "places.street.create",
                              .target_type = "street",
                              .target_id = std::to_string(id),
                              .detail = {{"code", code}, {"name", name}},
                              .actor_username = "operator"}));
  return id;
}

Result<std::vector<Place>> Registry::listPlaces(const Caller& caller, bool include_retired) const {
  return guarded<std::vector<Place>>(db_, audit_, caller, kManage, false,
                                     [&](storage::Tx& tx, Guard&) -> Result<std::vector<Place>> {
                                       return repo::placesWithin(tx, placeOf(*caller.principal),
                                                                 include_retired);
                                     });
}

Result<Place> Registry::createCommunity(const Caller& caller, const PlaceInput& in) {
  if (!in.name) return invalidArgument("name", "name is required");
  if (!in.code) return invalidArgument("code", "code is required");
  LINLI_TRY(checkPlaceName(*in.name));
  return guarded<Place>(
      db_, audit_, caller, kManage, true, [&](storage::Tx& tx, Guard& guard) -> Result<Place> {
        if (!streetLevel(caller)) return permissionDenied("only the street adds communities");
        LINLI_ASSIGN_OR_RETURN(Place street, placeFor(tx, guard, caller, ScopeKind::kStreet,
                                                      placeOf(*caller.principal).street_id));
        LINLI_TRY(checkCommunityCode(*in.code, street.code));
        LINLI_TRY(codeFree(tx, ScopeKind::kCommunity, *in.code, 0));
        LINLI_ASSIGN_OR_RETURN(int64_t id, addCommunity(tx, street.id, *in.code, *in.name));
        LINLI_TRY(guard.audited(tx, "places.community.create", "community", std::to_string(id),
                                {{"code", *in.code}, {"name", *in.name}}));
        LINLI_ASSIGN_OR_RETURN(auto made, repo::findPlace(tx, ScopeKind::kCommunity, id));
        return std::move(*made);
      });
}

Result<Place> Registry::createGrid(const Caller& caller, int64_t community_id,
                                   const PlaceInput& in) {
  if (!in.name) return invalidArgument("name", "name is required");
  if (!in.code) return invalidArgument("code", "code is required");
  LINLI_TRY(checkPlaceName(*in.name));
  LINLI_TRY(checkGridCode(*in.code));
  return guarded<Place>(
      db_, audit_, caller, kManage, true, [&](storage::Tx& tx, Guard& guard) -> Result<Place> {
        LINLI_ASSIGN_OR_RETURN(auto c, repo::findPlace(tx, ScopeKind::kCommunity, community_id));
        if (!c) return invalidArgument("community_id", "no such community");
        if (!guard.within({c->parent_id, c->id, std::nullopt}, "community", c->id).ok())
          return invalidArgument("community_id", "no such community");
        if (c->retired_at) return invalidArgument("community_id", c->name + " is retired");
        LINLI_TRY(codeFree(tx, ScopeKind::kGrid, *in.code, 0));
        LINLI_ASSIGN_OR_RETURN(auto same_name, repo::gridByName(tx, c->id, *in.name));
        if (same_name) return conflict(c->name + " has a grid named " + *in.name, "name");
        LINLI_ASSIGN_OR_RETURN(int64_t id, addGrid(tx, c->id, *in.code, *in.name));
        if (in.worker_id && *in.worker_id != 0) {
          LINLI_TRY(checkWorker(tx, id, *in.worker_id));
          LINLI_TRY(repo::setGridWorker(tx, id, *in.worker_id));
        }
        LINLI_TRY(guard.audited(tx, "places.grid.create", "grid", std::to_string(id),
                                {{"code", *in.code}, {"name", *in.name}, {"community_id", c->id}}));
        LINLI_ASSIGN_OR_RETURN(auto made, repo::findPlace(tx, ScopeKind::kGrid, id));
        return std::move(*made);
      });
}

Result<Place> Registry::updatePlace(const Caller& caller, ScopeKind kind, int64_t id,
                                    const PlaceInput& in) {
  if (in.name) LINLI_TRY(checkPlaceName(*in.name));
  if (in.worker_id && kind != ScopeKind::kGrid)
    return invalidArgument("worker_id", "only a grid has a worker");
  return guarded<Place>(
      db_, audit_, caller, kManage, true, [&](storage::Tx& tx, Guard& guard) -> Result<Place> {
        LINLI_ASSIGN_OR_RETURN(Place p, placeFor(tx, guard, caller, kind, id));
        if (p.retired_at) return conflict(p.name + " is retired");
        nlohmann::json changed = nlohmann::json::object();
        std::string code = p.code, name = p.name;
        if (in.code && *in.code != p.code) {
          switch (kind) {
            case ScopeKind::kStreet:
              // Its first 6 digits fix the county of every community below.
              return invalidArgument("code", "a street's area code is fixed at setup");
            case ScopeKind::kCommunity: {
              LINLI_ASSIGN_OR_RETURN(auto s, repo::findPlace(tx, ScopeKind::kStreet, p.parent_id));
              LINLI_TRY(checkCommunityCode(*in.code, s ? s->code : ""));
              break;
            }
            case ScopeKind::kGrid:
              LINLI_TRY(checkGridCode(*in.code));
              break;
          }
          LINLI_TRY(codeFree(tx, kind, *in.code, id));
          changed["code"] = {p.code, *in.code};
          code = *in.code;
        }
        if (in.name && *in.name != p.name) {
          if (kind == ScopeKind::kGrid) {
            LINLI_ASSIGN_OR_RETURN(auto same, repo::gridByName(tx, p.parent_id, *in.name));
            if (same && *same != id)
              return conflict("a grid named " + *in.name + " exists", "name");
          }
          changed["name"] = {p.name, *in.name};
          name = *in.name;
        }
        LINLI_TRY(repo::renamePlace(tx, kind, id, code, name));
        if (in.worker_id) {
          std::optional<int64_t> worker;
          if (*in.worker_id != 0) {
            LINLI_TRY(checkWorker(tx, id, *in.worker_id));
            worker = *in.worker_id;
          }
          LINLI_TRY(repo::setGridWorker(tx, id, worker));
          changed["worker_id"] = {p.worker_id ? nlohmann::json(*p.worker_id) : nlohmann::json(),
                                  worker ? nlohmann::json(*worker) : nlohmann::json()};
        }
        const std::string type(scopeKindName(kind));
        LINLI_TRY(
            guard.audited(tx, "places." + type + ".update", type, std::to_string(id), changed));
        LINLI_ASSIGN_OR_RETURN(auto fresh, repo::findPlace(tx, kind, id));
        return std::move(*fresh);
      });
}

Result<Place> Registry::retirePlace(const Caller& caller, ScopeKind kind, int64_t id) {
  return guarded<Place>(
      db_, audit_, caller, kManage, true, [&](storage::Tx& tx, Guard& guard) -> Result<Place> {
        LINLI_ASSIGN_OR_RETURN(Place p, placeFor(tx, guard, caller, kind, id));
        if (p.retired_at) return conflict(p.name + " is retired already");
        LINLI_TRY(emptyEnoughToRetire(tx, p));
        LINLI_TRY(repo::retirePlace(tx, kind, id, clock_.now()));
        if (kind == ScopeKind::kGrid && p.worker_id)
          LINLI_TRY(repo::setGridWorker(tx, id, std::nullopt));
        const std::string type(scopeKindName(kind));
        LINLI_TRY(guard.audited(tx, "places." + type + ".retire", type, std::to_string(id),
                                {{"name", p.name}, {"code", p.code}}));
        LINLI_ASSIGN_OR_RETURN(auto fresh, repo::findPlace(tx, kind, id));
        return std::move(*fresh);
      });
}

}  // namespace linli::registry
