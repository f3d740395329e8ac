// HTTP for the workload view: each person's open work, leave, and handing
// a person's open work to colleagues.
#include <cmath>

#include "common/civil_date.h"
#include "common/json_input.h"
#include "http/error_response.h"
#include "http/json_body.h"
#include "http/reply.h"
#include "http/router.h"
#include "requests/routes.h"

namespace linli::requests {

using http::Response;
using nlohmann::json;
namespace ji = json_input;

namespace {

json workloadJson(const Workload& w) {
  return {{"user_id", std::to_string(w.user_id)},
          {"display_name", w.display_name},
          {"role", w.role},
          {"scope_name", w.scope_name},
          {"open", w.open},
          {"overdue", w.overdue},
          {"weight", std::round(w.weight * 100) / 100},
          {"on_leave", w.on_leave},
          {"leave", w.leave ? json{{"from", formatDate(w.leave->from)},
                                   {"until", formatDate(w.leave->until)},
                                   {"note", w.leave->note}}
                            : json()}};
}

Result<Leave> leaveFrom(const http::Request& req) {
  LINLI_ASSIGN_OR_RETURN(auto body, http::jsonObjectBody(req));
  Leave l;
  for (auto [key, out] : {std::pair{"from", &l.from}, std::pair{"until", &l.until}}) {
    LINLI_ASSIGN_OR_RETURN(auto text, ji::requiredString(body, key, 10, 10));
    auto d = parseDate(text);
    if (!d) return invalidArgument(key, std::string(key) + " is a date like 2026-11-23");
    *out = *d;
  }
  LINLI_ASSIGN_OR_RETURN(auto note, ji::optionalString(body, "note", 1, 200));
  l.note = note.value_or("");
  return l;
}

}  // namespace

void registerWorkloadRoutes(http::Router& router, RequestService& s) {
  router.add({.method = "GET",
              .pattern = "/api/v1/requests/workload",
              .summary = "Open and overdue work of each person in your area, heaviest first",
              .tag = "requests"},
             [&s](http::Request& req) {
               return http::reply(s.workload(req.caller()), req, [](const auto& people) {
                 json items = json::array();
                 for (const auto& w : people) items.push_back(workloadJson(w));
                 return json{{"people", items}};
               });
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/requests/{id}/assignees",
              .summary = "Who may take this request, with their open work and leave",
              .tag = "requests"},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               return http::reply(s.assignees(req.caller(), id), req, [](const auto& people) {
                 json items = json::array();
                 for (const auto& w : people) items.push_back(workloadJson(w));
                 return json{{"people", items}};
               });
             });
  router.add({.method = "PUT",
              .pattern = "/api/v1/requests/workload/{id}/leave",
              .summary = "Put a person on leave (no new requests for them)",
              .tag = "requests",
              .request_body = {{"type", "object"}, {"required", {"from", "until"}}}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               LINLI_HTTP_ASSIGN(auto leave, leaveFrom(req));
               return http::reply(s.setLeave(req.caller(), id, leave), req, workloadJson);
             });
  router.add({.method = "DELETE",
              .pattern = "/api/v1/requests/workload/{id}/leave",
              .summary = "End a person's leave",
              .tag = "requests"},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               return http::reply(s.setLeave(req.caller(), id, std::nullopt), req, workloadJson);
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/requests/workload/{id}/handover",
              .summary = "Hand all of a person's open requests to the least-loaded colleagues",
              .tag = "requests"},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               return http::reply(s.handover(req.caller(), id), req, [](int moved) {
                 return json{{"moved", moved}};
               });
             });
}

}  // namespace linli::requests
