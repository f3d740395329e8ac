#include "registry/routes_places.h"

#include "common/json_input.h"
#include "http/json_body.h"
#include "http/reply.h"
#include "http/router.h"
#include "registry/json.h"

namespace linli::registry {

namespace {

namespace ji = json_input;
using http::pathId;
using http::Request;
using http::Response;
using nlohmann::json;

json placeJson(const Place& p) {
  json out = {{"id", std::to_string(p.id)},
              {"kind", std::string(scopeKindName(p.kind))},
              {"code", p.code},
              {"name", p.name},
              {"retired", p.retired_at.has_value()},
              {"retired_at", p.retired_at ? json(formatIso8601(*p.retired_at)) : json()},
              {"buildings", p.buildings},
              {"residents", p.residents}};
  if (p.kind == ScopeKind::kGrid)
    out["worker"] =
        p.worker_id ? json{{"id", std::to_string(*p.worker_id)}, {"name", p.worker_name}} : json();
  return out;
}

// Streets → communities → grids, each with its counts and state.
json placesJson(const std::vector<Place>& places) {
  json streets = json::array();
  std::map<int64_t, size_t> street_at, community_at;  // id → index in its parent's array
  std::map<int64_t, int64_t> street_of;               // community id → street id
  for (const Place& p : places) {
    json j = placeJson(p);
    if (p.kind == ScopeKind::kStreet) {
      j["communities"] = json::array();
      street_at[p.id] = streets.size();
      streets.push_back(std::move(j));
    } else if (p.kind == ScopeKind::kCommunity && street_at.count(p.parent_id)) {
      j["grids"] = json::array();
      auto& list = streets[street_at[p.parent_id]]["communities"];
      community_at[p.id] = list.size();
      street_of[p.id] = p.parent_id;
      list.push_back(std::move(j));
    } else if (p.kind == ScopeKind::kGrid && community_at.count(p.parent_id)) {
      streets[street_at[street_of[p.parent_id]]]["communities"][community_at[p.parent_id]]["grids"]
          .push_back(std::move(j));
    }
  }
  return json{{"streets", streets}};
}

Result<PlaceInput> placeInput(const json& b) {
  PlaceInput in;
  LINLI_ASSIGN_OR_RETURN(in.name, ji::optionalString(b, "name", 1, 32));
  LINLI_ASSIGN_OR_RETURN(in.code, ji::optionalString(b, "code", 1, 32));
  // worker_id: an id sets the grid's worker, null clears it, absent leaves it.
  if (auto w = b.find("worker_id"); w != b.end() && w->is_null()) {
    in.worker_id = 0;
  } else {
    LINLI_ASSIGN_OR_RETURN(in.worker_id, ji::optionalId(b, "worker_id"));
  }
  return in;
}

json importJson(const PlacesImportSummary& s) {
  json errors = json::array();
  for (const auto& e : s.errors)
    errors.push_back({{"row", e.row}, {"column", e.column}, {"reason", e.reason}});
  return {{"rows", s.rows},           {"communities", s.communities_created},
          {"grids", s.grids_created}, {"existing", s.existing},
          {"committed", s.committed}, {"errors", errors}};
}

Response placesImportStep(Registry& r, Request& req, bool dry_run) {
  LINLI_HTTP_ASSIGN(auto s, r.importPlaces(req.caller(), req.body, dry_run));
  if (dry_run || s.committed) return Response::json(200, importJson(s));
  // The resident import's shape: 400, nothing written, the bad rows in details.
  Response res =
      http::errorResponse(invalidArgument("rows", std::to_string(s.errors.size()) +
                                                      " rows have errors; no place was imported"),
                          req.request_id);
  json body = json::parse(res.body);
  body["error"]["details"] = {{"errors", importJson(s)["errors"]}};
  res.body = body.dump();
  return res;
}

void placeRoutes(http::Router& router, Registry& r, ScopeKind kind, const std::string& plural) {
  const std::string type(scopeKindName(kind));
  router.add({.method = "PATCH",
              .pattern = "/api/v1/registry/" + plural + "/{id}",
              .summary = "Rename a " + type + " or change its code" +
                         (kind == ScopeKind::kGrid ? " or worker" : ""),
              .tag = "places",
              .request_body = {{"type", "object"}}},
             [&r, kind](Request& req) {
               LINLI_HTTP_ASSIGN(auto id, pathId(req));
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto in, placeInput(body));
               return http::reply(r.updatePlace(req.caller(), kind, id, in), req, placeJson);
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/registry/" + plural + "/{id}/retire",
              .summary = "Retire an empty " + type + " (refused, saying why, while it holds any)",
              .tag = "places"},
             [&r, kind](Request& req) {
               LINLI_HTTP_ASSIGN(auto id, pathId(req));
               return http::reply(r.retirePlace(req.caller(), kind, id), req, placeJson);
             });
}

}  // namespace

void registerPlaceRoutes(http::Router& router, Registry& registry) {
  Registry& r = registry;
  router.add({.method = "GET",
              .pattern = "/api/v1/setup/status",
              .summary = "Whether a street exists yet (the web's first-run page; no login)",
              .tag = "places",
              .requires_auth = false},
             [&r](Request& req) {
               return http::reply(r.firstStreetId(), req, [](const std::optional<int64_t>& id) {
                 return json{{"street_exists", id.has_value()}};
               });
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/registry/places/admin",
              .summary = "Places in scope with counts, state and grid workers",
              .tag = "places",
              .query_params = {"include_retired"}},
             [&r](Request& req) {
               const bool retired = http::queryText(req, "include_retired").value_or("") == "true";
               return http::reply(r.listPlaces(req.caller(), retired), req, placesJson);
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/registry/communities",
              .summary = "Add a community to the street",
              .tag = "places",
              .request_body = {{"type", "object"}, {"required", {"name", "code"}}},
              .success_status = 201},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto in, placeInput(body));
               return http::reply(r.createCommunity(req.caller(), in), req, placeJson, 201);
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/registry/grids",
              .summary = "Add a grid to a community",
              .tag = "places",
              .request_body = {{"type", "object"}, {"required", {"community_id", "name", "code"}}},
              .success_status = 201},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto community, ji::requiredId(body, "community_id"));
               LINLI_HTTP_ASSIGN(auto in, placeInput(body));
               return http::reply(r.createGrid(req.caller(), community, in), req, placeJson, 201);
             });
  placeRoutes(router, r, ScopeKind::kStreet, "streets");
  placeRoutes(router, r, ScopeKind::kCommunity, "communities");
  placeRoutes(router, r, ScopeKind::kGrid, "grids");
  router.add({.method = "POST",
              .pattern = "/api/v1/registry/buildings/{id}/move",
              .summary = "Move a building with its households and residents to another grid",
              .tag = "places",
              .request_body = {{"type", "object"}, {"required", {"grid_id"}}}},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto id, pathId(req));
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto grid, ji::requiredId(body, "grid_id"));
               LINLI_HTTP_ASSIGN(auto note, ji::optionalString(body, "note", 0, 200));
               return http::reply(r.moveBuilding(req.caller(), id, grid, note.value_or("")), req,
                                  [](const Building& b) { return toJson(b); });
             });
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/registry/buildings/{id}/moves",
       .summary = "A building's moves between grids, latest first",
       .tag = "places"},
      [&r](Request& req) {
        LINLI_HTTP_ASSIGN(auto id, pathId(req));
        return http::reply(r.buildingMoves(req.caller(), id), req, [](const auto& moves) {
          json items = json::array();
          for (const BuildingMove& m : moves)
            items.push_back(
                {{"id", std::to_string(m.id)},
                 {"at", formatIso8601(m.at)},
                 {"by", m.actor_id
                            ? json{{"id", std::to_string(*m.actor_id)}, {"name", m.actor_name}}
                            : json()},
                 {"from", {{"id", std::to_string(m.from_grid_id)}, {"name", m.from_grid_name}}},
                 {"to", {{"id", std::to_string(m.to_grid_id)}, {"name", m.to_grid_name}}},
                 {"households", m.households},
                 {"residents", m.residents},
                 {"note", m.note}});
          return json{{"items", items}};
        });
      });
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/registry/places/import/dry-run",
       .summary = "Check a CSV or XLSX of places (街道, 社区, 网格, 区划代码); writes nothing",
       .tag = "places",
       .max_body_bytes = 4u << 20},
      [&r](Request& req) { return placesImportStep(r, req, true); });
  router.add({.method = "POST",
              .pattern = "/api/v1/registry/places/import/commit",
              .summary = "Import the places of a CSV or XLSX, or none if any row is bad",
              .tag = "places",
              .max_body_bytes = 4u << 20},
             [&r](Request& req) { return placesImportStep(r, req, false); });
}

}  // namespace linli::registry
