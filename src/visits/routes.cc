// HTTP for visit plans: parse → one service call → JSON. Contract: docs/http-api.md "Visits".
#include "common/json_input.h"
#include "http/error_response.h"
#include "http/json_body.h"
#include "http/reply.h"
#include "http/router.h"
#include "visits/visits.h"

namespace linli::visits {

namespace {
using nlohmann::json;
namespace ji = json_input;

json dateJson(const std::optional<CivilDate>& d) { return d ? json(formatDate(*d)) : json(); }

json ruleJson(const Rule& r) {
  return {{"id", std::to_string(r.id)},
          {"name", r.name},
          {"filter", r.filter},
          {"every_days", r.every_days},
          {"active", r.active},
          {"community_id", r.community_id ? json(std::to_string(*r.community_id)) : json()}};
}

json visitJson(const Visit& v) {
  return {{"id", std::to_string(v.id)},
          {"resident_id", std::to_string(v.resident_id)},
          {"visited_on", formatDate(v.visited_on)},
          {"outcome", v.outcome},
          {"notes", v.notes},
          {"visitor_name", v.visitor_name},
          {"request",
           v.request_id ? json{{"id", std::to_string(*v.request_id)}, {"number", v.request_number}}
                        : json()}};
}

Result<NewVisit> visitFrom(const http::Request& req) {
  LINLI_ASSIGN_OR_RETURN(auto body, http::jsonObjectBody(req));
  NewVisit v;
  LINLI_ASSIGN_OR_RETURN(auto resident, ji::optionalId(body, "resident_id"));
  if (!resident) return invalidArgument("resident_id", "choose the resident visited");
  v.resident_id = *resident;
  LINLI_ASSIGN_OR_RETURN(auto on, ji::optionalString(body, "visited_on", 10, 10));
  if (on) {
    v.visited_on = parseDate(*on);
    if (!v.visited_on) return invalidArgument("visited_on", "visited_on is like 2026-11-23");
  }
  LINLI_ASSIGN_OR_RETURN(v.outcome, ji::requiredString(body, "outcome", 1, 16));
  auto key = req.header("idempotency-key");
  if (!key.empty()) {
    if (key.size() > 128) return invalidArgument("Idempotency-Key", "at most 128 characters");
    v.idempotency_key = std::string(key);
  }
  LINLI_ASSIGN_OR_RETURN(auto notes, ji::optionalString(body, "notes", 1, 2000));
  v.notes = notes.value_or("");
  if (body.contains("concern") && !body["concern"].is_null()) {
    if (!body["concern"].is_object())
      return invalidArgument("concern", "concern is {description, category?}");
    LINLI_ASSIGN_OR_RETURN(auto text, ji::optionalString(body["concern"], "description", 1, 4000));
    if (!text) return invalidArgument("concern.description", "say what the concern is");
    v.concern = text;
    LINLI_ASSIGN_OR_RETURN(v.concern_category,
                           ji::optionalString(body["concern"], "category", 1, 32));
  }
  return v;
}
}  // namespace

void registerRoutes(http::Router& router, VisitService& visits) {
  VisitService& s = visits;
  router.add({.method = "GET",
              .pattern = "/api/v1/visits/rules",
              .summary = "Visit rules of my street and community",
              .tag = "visits"},
             [&s](http::Request& req) {
               return http::reply(s.rules(req.caller()), req, [](const auto& list) {
                 json items = json::array();
                 for (const auto& r : list) items.push_back(ruleJson(r));
                 return json{{"items", items}};
               });
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/visits/rules",
              .summary = "Add a visit rule: a smart-report filter and a period in days",
              .tag = "visits",
              .request_body = {{"type", "object"}, {"required", {"name", "filter", "every_days"}}},
              .success_status = 201},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto name, ji::requiredString(body, "name", 1, 64));
               LINLI_HTTP_ASSIGN(auto every, ji::optionalInt(body, "every_days", 1, 366));
               if (!every)
                 return http::errorResponse(invalidArgument("every_days", "visit every N days"),
                                            req.request_id);
               if (!body.contains("filter") || !body["filter"].is_object())
                 return http::errorResponse(invalidArgument("filter", "a smart-report filter"),
                                            req.request_id);
               return http::reply(s.addRule(req.caller(), name, body["filter"], *every), req,
                                  ruleJson, 201);
             });
  router.add({.method = "PATCH",
              .pattern = "/api/v1/visits/rules/{id}",
              .summary = "Rename, re-time, switch a visit rule on or off",
              .tag = "visits",
              .request_body = {{"type", "object"}}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               RulePatch p;
               LINLI_HTTP_ASSIGN(p.name, ji::optionalString(body, "name", 1, 64));
               LINLI_HTTP_ASSIGN(p.every_days, ji::optionalInt(body, "every_days", 1, 366));
               LINLI_HTTP_ASSIGN(p.active, ji::optionalBool(body, "active"));
               return http::reply(s.patchRule(req.caller(), id, p), req, ruleJson);
             });
  router.add({.method = "DELETE",
              .pattern = "/api/v1/visits/rules/{id}",
              .summary = "Remove a visit rule (a default one too); past visits stay",
              .tag = "visits",
              .success_status = 204},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               Status st = s.removeRule(req.caller(), id);
               if (!st.ok()) return http::errorResponse(st, req.request_id);
               return http::Response::noContent();
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/visits/due",
              .summary = "My visit list: residents the rules select, soonest due first",
              .tag = "visits",
              .query_params = {"grid_id", "due", "page", "page_size"}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(auto grid, http::queryId(req, "grid_id"));
               LINLI_HTTP_ASSIGN(auto p, http::pageParams(req));
               const bool by_today = http::queryText(req, "due").value_or("") == "today";
               return http::reply(
                   s.due(req.caller(), grid, p.page, p.page_size, by_today), req,
                   [&](const auto& list) {
                     json out = http::pageJson(list.items, list.total, p, [](const DueVisit& d) {
                       return json{{"resident_id", std::to_string(d.resident_id)},
                                   {"household_id", std::to_string(d.household_id)},
                                   {"name", d.name},
                                   {"age", d.age},
                                   {"address", d.address},
                                   {"rules", d.rules},
                                   {"every_days", d.every_days},
                                   {"last_visit", dateJson(d.last_visit)},
                                   {"due_on", formatDate(d.due_on)},
                                   {"overdue", d.overdue}};
                     });
                     out["overdue"] = list.overdue;
                     return out;
                   });
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/visits",
              .summary = "Record a visit; a concern files a request in the same step",
              .tag = "visits",
              .request_body = {{"type", "object"}, {"required", {"resident_id", "outcome"}}},
              .success_status = 201},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(auto v, visitFrom(req));
               return http::reply(s.record(req.caller(), v), req, visitJson, 201);
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/visits",
              .summary = "A resident's visits, newest first",
              .tag = "visits",
              .query_params = {"resident_id"}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(auto resident, http::queryId(req, "resident_id"));
               if (!resident)
                 return http::errorResponse(invalidArgument("resident_id", "whose visits?"),
                                            req.request_id);
               return http::reply(s.history(req.caller(), *resident), req, [](const auto& list) {
                 json items = json::array();
                 for (const auto& v : list) items.push_back(visitJson(v));
                 return json{{"items", items}};
               });
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/visits/stale",
              .summary = "Residents under a rule not visited for N days (or never)",
              .tag = "visits",
              .query_params = {"days", "page", "page_size"}},
             [&s](http::Request& req) {
               const int days = std::atoi(http::queryText(req, "days").value_or("30").c_str());
               LINLI_HTTP_ASSIGN(auto p, http::pageParams(req));
               return http::reply(
                   s.stale(req.caller(), days, p.page, p.page_size), req, [&](const auto& list) {
                     return http::pageJson(list.items, list.total, p, [](const StaleResident& r) {
                       return json{{"resident_id", std::to_string(r.resident_id)},
                                   {"name", r.name},
                                   {"address", r.address},
                                   {"last_visit", dateJson(r.last_visit)},
                                   {"days_since", r.days_since ? json(*r.days_since) : json()}};
                     });
                   });
             });
}

}  // namespace linli::visits
