#include "access/access.h"
#include "common/json_input.h"
#include "http/json_body.h"
#include "http/reply.h"
#include "http/router.h"
#include "registry/json.h"
#include "registry/registry.h"
#include "registry/routes_places.h"

namespace linli::registry {

namespace {
using http::pathId;
using http::queryId;
using http::queryText;

namespace ji = json_input;
using http::Request;
using http::Response;
using nlohmann::json;

template <class T, class F>
json pageJson(const Page<T>& page, const http::PageParams& p, F&& item) {
  return http::pageJson(page.items, page.total, p, item);
}

Result<BuildingInput> buildingInput(const json& b) {
  BuildingInput in;
  LINLI_ASSIGN_OR_RETURN(in.grid_id, ji::optionalId(b, "grid_id"));
  LINLI_ASSIGN_OR_RETURN(in.name, ji::optionalString(b, "name", 1, 64));
  LINLI_ASSIGN_OR_RETURN(in.address, ji::optionalString(b, "address", 1, 128));
  LINLI_ASSIGN_OR_RETURN(in.units, ji::optionalInt(b, "units", 1, 50));
  LINLI_ASSIGN_OR_RETURN(in.floors, ji::optionalInt(b, "floors", 1, 200));
  LINLI_ASSIGN_OR_RETURN(in.elevators, ji::optionalInt(b, "elevators", 0, 50));
  LINLI_ASSIGN_OR_RETURN(in.lat, ji::optionalNumber(b, "lat"));
  LINLI_ASSIGN_OR_RETURN(in.lng, ji::optionalNumber(b, "lng"));
  return in;
}

Result<HouseholdInput> householdInput(const json& b) {
  HouseholdInput in;
  LINLI_ASSIGN_OR_RETURN(in.building_id, ji::optionalId(b, "building_id"));
  LINLI_ASSIGN_OR_RETURN(in.unit, ji::optionalString(b, "unit", 1, 8));
  LINLI_ASSIGN_OR_RETURN(in.room, ji::optionalString(b, "room", 1, 16));
  LINLI_ASSIGN_OR_RETURN(in.phone, ji::optionalString(b, "phone", 0, 32));
  LINLI_ASSIGN_OR_RETURN(in.residence_type, ji::optionalString(b, "residence_type", 1, 16));
  return in;
}

Result<ResidentInput> residentInput(const json& b) {
  ResidentInput in;
  LINLI_ASSIGN_OR_RETURN(in.household_id, ji::optionalId(b, "household_id"));
  LINLI_ASSIGN_OR_RETURN(in.name, ji::optionalString(b, "name", 1, 32));
  LINLI_ASSIGN_OR_RETURN(in.id_number, ji::optionalString(b, "id_number", 1, 32));
  LINLI_ASSIGN_OR_RETURN(in.sex, ji::optionalString(b, "sex", 0, 8));
  LINLI_ASSIGN_OR_RETURN(in.birth_date, ji::optionalString(b, "birth_date", 0, 10));
  LINLI_ASSIGN_OR_RETURN(in.ethnicity, ji::optionalString(b, "ethnicity", 0, 16));
  LINLI_ASSIGN_OR_RETURN(in.phone, ji::optionalString(b, "phone", 0, 32));
  LINLI_ASSIGN_OR_RETURN(in.relation, ji::optionalString(b, "relation", 1, 16));
  LINLI_ASSIGN_OR_RETURN(in.residence_status, ji::optionalString(b, "residence_status", 1, 16));
  LINLI_ASSIGN_OR_RETURN(in.notes, ji::optionalString(b, "notes", 0, 2000));
  LINLI_ASSIGN_OR_RETURN(in.tags, ji::optionalStringList(b, "tags"));
  LINLI_ASSIGN_OR_RETURN(in.skills, ji::optionalStringList(b, "skills"));
  return in;
}

Result<AssetInput> assetInput(const json& b) {
  AssetInput in;
  LINLI_ASSIGN_OR_RETURN(in.building_id, ji::optionalId(b, "building_id"));
  LINLI_ASSIGN_OR_RETURN(in.kind, ji::optionalString(b, "kind", 1, 32));
  LINLI_ASSIGN_OR_RETURN(in.name, ji::optionalString(b, "name", 1, 64));
  LINLI_ASSIGN_OR_RETURN(in.location, ji::optionalString(b, "location", 0, 128));
  LINLI_ASSIGN_OR_RETURN(in.owner, ji::optionalString(b, "owner", 0, 64));
  LINLI_ASSIGN_OR_RETURN(in.maintainer, ji::optionalString(b, "maintainer", 0, 64));
  LINLI_ASSIGN_OR_RETURN(in.last_inspection, ji::optionalString(b, "last_inspection", 0, 10));
  LINLI_ASSIGN_OR_RETURN(in.next_inspection, ji::optionalString(b, "next_inspection", 0, 10));
  return in;
}

Result<std::map<std::string, std::optional<std::string>>> mappingOf(const json& body) {
  auto it = body.find("mapping");
  if (it == body.end() || !it->is_object())
    return invalidArgument("mapping", "mapping must be an object of column → field");
  std::map<std::string, std::optional<std::string>> out;
  for (const auto& [header, field] : it->items()) {
    if (field.is_null())
      out[header] = std::nullopt;
    else if (field.is_string())
      out[header] = field.get<std::string>();
    else
      return invalidArgument("mapping", "mapping values must be field names or null");
  }
  return out;
}

json errorsJson(const ImportSummary& s) {
  json errors = json::array();
  for (const auto& e : s.errors) {
    json params = json::object();
    for (const auto& [name, value] : e.params) params[name] = value;
    errors.push_back({{"row", e.row},
                      {"column", e.field},
                      {"reason", e.reason},
                      {"key", e.key},
                      {"params", params}});
  }
  return errors;
}

Response importStep(Registry& r, Request& req, bool dry_run) {
  LINLI_HTTP_ASSIGN(auto id, pathId(req));
  LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
  LINLI_HTTP_ASSIGN(auto mapping, mappingOf(body));
  LINLI_HTTP_ASSIGN(auto grid, ji::optionalId(body, "default_grid_id"));
  LINLI_HTTP_ASSIGN(ImportSummary s, r.importUpload(req.caller(), id, mapping,
                                                    {.default_grid_id = grid, .dry_run = dry_run}));
  if (dry_run)
    return Response::json(200, {{"rows", s.rows},
                                {"valid", s.valid},
                                {"would_create", s.created},
                                {"would_update", s.updated},
                                {"errors", errorsJson(s)}});
  if (!s.committed) {
    Response res =
        http::errorResponse(invalidArgument("rows", std::to_string(s.rows - s.valid) +
                                                        " rows have errors; nothing was imported"),
                            req.request_id);
    json body = json::parse(res.body);
    body["error"]["details"] = {{"errors", errorsJson(s)}};
    res.body = body.dump();
    return res;
  }
  return Response::json(200, {{"rows", s.rows},
                              {"imported", s.created + s.updated},
                              {"created", s.created},
                              {"updated", s.updated},
                              {"errors", json::array()}});
}

}  // namespace

void registerRoutes(http::Router& router, Registry& registry) {
  Registry& r = registry;
  auto today = [&r] { return dateAt(r.clock().now()); };
  // Without registry.reveal a resident shows their age, not their birth date (DESIGN.md).
  auto residentJsonFor = [today](const Request& req) {
    const bool birth_date =
        req.caller().principal && access::allowed(req.caller().principal->role, "registry.reveal");
    return [today, birth_date](const Resident& x) { return toJson(x, today(), birth_date); };
  };
  auto buildingJson = [](const Building& b) { return toJson(b); };
  auto householdJson = [](const Household& h) { return toJson(h); };
  auto assetJson = [](const Asset& a) { return toJson(a); };

  router.add({.method = "GET",
              .pattern = "/api/v1/registry/places",
              .summary = "Streets, communities and grids within the caller's scope",
              .tag = "registry"},
             [&r](Request& req) {
               return http::reply(r.placesTree(req.caller()), req, [](const json& j) { return j; });
             });

  registerPlaceRoutes(router, r);

  // ---- buildings
  router.add({.method = "GET",
              .pattern = "/api/v1/registry/buildings",
              .summary = "Buildings in scope",
              .tag = "registry",
              .query_params = {"grid_id", "q", "page", "page_size"}},
             [&r, buildingJson](Request& req) {
               LINLI_HTTP_ASSIGN(auto p, http::pageParams(req));
               LINLI_HTTP_ASSIGN(auto grid, queryId(req, "grid_id"));
               return http::reply(
                   r.listBuildings(req.caller(), grid, queryText(req, "q"), p.page, p.page_size),
                   req, [&](const auto& page) { return pageJson(page, p, buildingJson); });
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/registry/buildings",
              .summary = "Add a building",
              .tag = "registry",
              .request_body = {{"type", "object"}},
              .success_status = 201},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto in, buildingInput(body));
               return http::reply(
                   r.createBuilding(req.caller(), in), req,
                   [](const Building& b) { return toJson(b); }, 201);
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/registry/buildings/{id}",
              .summary = "A building",
              .tag = "registry"},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto id, pathId(req));
               return http::reply(r.getBuilding(req.caller(), id), req,
                                  [](const Building& b) { return toJson(b); });
             });
  router.add({.method = "PATCH",
              .pattern = "/api/v1/registry/buildings/{id}",
              .summary = "Change a building",
              .tag = "registry",
              .request_body = {{"type", "object"}}},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto id, pathId(req));
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto in, buildingInput(body));
               return http::reply(r.updateBuilding(req.caller(), id, in), req,
                                  [](const Building& b) { return toJson(b); });
             });

  // ---- households
  router.add({.method = "GET",
              .pattern = "/api/v1/registry/households",
              .summary = "Households in scope",
              .tag = "registry",
              .query_params = {"building_id", "page", "page_size"}},
             [&r, householdJson](Request& req) {
               LINLI_HTTP_ASSIGN(auto p, http::pageParams(req));
               LINLI_HTTP_ASSIGN(auto building, queryId(req, "building_id"));
               return http::reply(
                   r.listHouseholds(req.caller(), building, p.page, p.page_size), req,
                   [&](const auto& page) { return pageJson(page, p, householdJson); });
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/registry/households",
              .summary = "Add a household",
              .tag = "registry",
              .request_body = {{"type", "object"}},
              .success_status = 201},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto in, householdInput(body));
               return http::reply(
                   r.createHousehold(req.caller(), in), req,
                   [](const Household& h) { return toJson(h); }, 201);
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/registry/households/{id}",
              .summary = "A household",
              .tag = "registry"},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto id, pathId(req));
               return http::reply(r.getHousehold(req.caller(), id), req,
                                  [](const Household& h) { return toJson(h); });
             });
  router.add({.method = "PATCH",
              .pattern = "/api/v1/registry/households/{id}",
              .summary = "Change a household",
              .tag = "registry",
              .request_body = {{"type", "object"}}},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto id, pathId(req));
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto in, householdInput(body));
               return http::reply(r.updateHousehold(req.caller(), id, in), req,
                                  [](const Household& h) { return toJson(h); });
             });

  // ---- residents
  router.add({.method = "GET",
              .pattern = "/api/v1/registry/residents",
              .summary = "Search residents in scope",
              .tag = "registry",
              .query_params = {"q", "phone_last4", "id_number", "community_id", "grid_id",
                               "building_id", "household_id", "status", "page", "page_size"}},
             [&r, residentJsonFor](Request& req) {
               const auto residentJson = residentJsonFor(req);
               LINLI_HTTP_ASSIGN(auto p, http::pageParams(req));
               ResidentQuery q{.q = queryText(req, "q"),
                               .phone_last4 = queryText(req, "phone_last4"),
                               .id_number = queryText(req, "id_number"),
                               .status = queryText(req, "status"),
                               .page = p.page,
                               .page_size = p.page_size};
               LINLI_HTTP_ASSIGN(q.community_id, queryId(req, "community_id"));
               LINLI_HTTP_ASSIGN(q.grid_id, queryId(req, "grid_id"));
               LINLI_HTTP_ASSIGN(q.building_id, queryId(req, "building_id"));
               LINLI_HTTP_ASSIGN(q.household_id, queryId(req, "household_id"));
               return http::reply(r.listResidents(req.caller(), q), req, [&](const auto& page) {
                 return pageJson(page, p, residentJson);
               });
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/registry/residents",
              .summary = "Register a resident",
              .tag = "registry",
              .request_body = {{"type", "object"}},
              .success_status = 201},
             [&r, residentJsonFor](Request& req) {
               const auto residentJson = residentJsonFor(req);
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto in, residentInput(body));
               return http::reply(r.createResident(req.caller(), in), req, residentJson, 201);
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/registry/residents/{id}",
              .summary = "A resident with history",
              .tag = "registry"},
             [&r, residentJsonFor](Request& req) {
               const auto residentJson = residentJsonFor(req);
               LINLI_HTTP_ASSIGN(auto id, pathId(req));
               LINLI_HTTP_ASSIGN(auto resident, r.getResident(req.caller(), id));
               LINLI_HTTP_ASSIGN(auto history, r.residentHistory(req.caller(), id));
               json out = residentJson(resident);
               out["history"] = json::array();
               for (const auto& h : history)
                 out["history"].push_back({{"id", std::to_string(h.id)},
                                           {"at", formatIso8601(h.at)},
                                           {"date", h.effective_date},
                                           {"kind", h.kind},
                                           {"detail", json::parse(h.detail, nullptr, false)}});
               return Response::json(200, out);
             });
  router.add({.method = "PATCH",
              .pattern = "/api/v1/registry/residents/{id}",
              .summary = "Change a resident",
              .tag = "registry",
              .request_body = {{"type", "object"}}},
             [&r, residentJsonFor](Request& req) {
               const auto residentJson = residentJsonFor(req);
               LINLI_HTTP_ASSIGN(auto id, pathId(req));
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto in, residentInput(body));
               return http::reply(r.updateResident(req.caller(), id, in), req, residentJson);
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/registry/residents/{id}/events",
              .summary = "Record a move, moving out, return or death",
              .tag = "registry",
              .request_body = {{"type", "object"}, {"required", {"kind", "date"}}}},
             [&r, residentJsonFor](Request& req) {
               const auto residentJson = residentJsonFor(req);
               LINLI_HTTP_ASSIGN(auto id, pathId(req));
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto kind, ji::requiredString(body, "kind", 1, 16));
               LINLI_HTTP_ASSIGN(auto date_text, ji::requiredString(body, "date", 10, 10));
               LINLI_HTTP_ASSIGN(auto household, ji::optionalId(body, "household_id"));
               LINLI_HTTP_ASSIGN(auto note, ji::optionalString(body, "note", 0, 500));
               auto date = parseDate(date_text);
               if (!date)
                 return http::errorResponse(invalidArgument("date", "date must be like 2026-11-22"),
                                            req.request_id);
               return http::reply(
                   r.recordLifeEvent(req.caller(), id, kind, household, *date, note.value_or("")),
                   req, residentJson);
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/registry/residents/{id}/reveal",
              .summary = "Show a full ID number or phone (audited)",
              .tag = "registry",
              .request_body = {{"type", "object"}, {"required", {"field", "reason"}}}},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto id, pathId(req));
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto field, ji::requiredString(body, "field", 1, 16));
               LINLI_HTTP_ASSIGN(auto reason, ji::requiredString(body, "reason", 1, 200));
               return http::reply(r.reveal(req.caller(), id, field, reason), req,
                                  [&](const std::string& v) {
                                    return json{{"field", field}, {"value", v}};
                                  })
                   .header("Cache-Control", "no-store");
             });

  // ---- assets
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/registry/assets",
       .summary = "Assets in scope, soonest inspection first",
       .tag = "registry",
       .query_params = {"building_id", "kind", "due_before", "page", "page_size"}},
      [&r, assetJson](Request& req) {
        LINLI_HTTP_ASSIGN(auto p, http::pageParams(req));
        LINLI_HTTP_ASSIGN(auto building, queryId(req, "building_id"));
        std::optional<CivilDate> due;
        if (auto v = queryText(req, "due_before")) {
          due = parseDate(*v);
          if (!due)
            return http::errorResponse(
                invalidArgument("due_before", "due_before must be like 2026-12-31"),
                req.request_id);
        }
        return http::reply(
            r.listAssets(req.caller(), building, queryText(req, "kind"), due, p.page, p.page_size),
            req, [&](const auto& page) { return pageJson(page, p, assetJson); });
      });
  router.add({.method = "POST",
              .pattern = "/api/v1/registry/assets",
              .summary = "Add an asset",
              .tag = "registry",
              .request_body = {{"type", "object"}},
              .success_status = 201},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto in, assetInput(body));
               return http::reply(
                   r.createAsset(req.caller(), in), req, [](const Asset& a) { return toJson(a); },
                   201);
             });
  router.add({.method = "PATCH",
              .pattern = "/api/v1/registry/assets/{id}",
              .summary = "Change an asset",
              .tag = "registry",
              .request_body = {{"type", "object"}}},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto id, pathId(req));
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto in, assetInput(body));
               return http::reply(r.updateAsset(req.caller(), id, in), req,
                                  [](const Asset& a) { return toJson(a); });
             });

  // ---- import
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/registry/imports",
       .summary =
           "Upload a CSV or XLSX of residents (raw body); answers headers and a suggested mapping",
       .tag = "registry",
       .query_params = {"filename"},
       .success_status = 201,
       .max_body_bytes = 32u << 20},
      [&r](Request& req) {
        std::string filename = queryText(req, "filename").value_or("upload");
        return http::reply(
            r.storeUpload(req.caller(), filename, std::move(req.body)), req,
            [](const json& j) { return j; }, 201);
      });
  router.add({.method = "POST",
              .pattern = "/api/v1/registry/imports/{id}/dry-run",
              .summary = "Check every row under a column mapping; writes nothing",
              .tag = "registry",
              .request_body = {{"type", "object"}, {"required", {"mapping"}}}},
             [&r](Request& req) { return importStep(r, req, true); });
  router.add({.method = "POST",
              .pattern = "/api/v1/registry/imports/{id}/commit",
              .summary = "Import all rows, or none if any is bad",
              .tag = "registry",
              .request_body = {{"type", "object"}, {"required", {"mapping"}}}},
             [&r](Request& req) { return importStep(r, req, false); });

  // ---- tags
  router.add({.method = "GET",
              .pattern = "/api/v1/registry/tags",
              .summary = "Special-group and custom tags",
              .tag = "registry"},
             [&r](Request& req) {
               return http::reply(r.tagsVisibleTo(req.caller()), req, [](const json& j) {
                 return json{{"items", j}};
               });
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/registry/tags",
              .summary = "Add a custom tag",
              .tag = "registry",
              .request_body = {{"type", "object"}, {"required", {"code", "name"}}},
              .success_status = 201},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto code, ji::requiredString(body, "code", 1, 32));
               LINLI_HTTP_ASSIGN(auto name, ji::requiredString(body, "name", 1, 32));
               return http::reply(
                   r.createTag(req.caller(), code, name), req, [](const json& j) { return j; },
                   201);
             });
}

}  // namespace linli::registry
