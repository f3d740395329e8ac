// HTTP for the call list export: parse → one service call. Contract:
// docs/http-api.md "Reports" (call list).
#include "common/json_input.h"
#include "http/error_response.h"
#include "http/json_body.h"
#include "http/reply.h"
#include "http/router.h"
#include "reports/routes.h"

namespace linli::reports {

namespace {
using http::Request;
using http::Response;
using nlohmann::json;
}  // namespace

void registerCallListRoutes(http::Router& router, ReportService& reports) {
  ReportService& r = reports;
  router.add({.method = "GET",
              .pattern = "/api/v1/reports/call-list/access",
              .summary = "May I export the call list (full phones), and which roles my street gave "
                         "it to",
              .tag = "reports"},
             [&r](Request& req) {
               return http::reply(r.callListAccess(req.caller()), req, [](const CallListAccess& a) {
                 return json{{"allowed", a.allowed},
                             {"via", a.via.empty() ? json() : json(a.via)},
                             {"street_roles", a.street_roles},
                             {"grantable_roles", callListGrantableRoles()}};
               });
             });
  router.add(
      {.method = "PUT",
       .pattern = "/api/v1/reports/call-list/roles",
       .summary = "Street admin: the roles of my street that may export the call list",
       .tag = "reports",
       .request_body = {{"type", "object"}, {"required", {"roles"}}}},
      [&r](Request& req) {
        LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
        LINLI_HTTP_ASSIGN(auto roles, json_input::optionalStringList(body, "roles"));
        if (!roles)
          return http::errorResponse(invalidArgument("roles", "roles is a list"), req.request_id);
        return http::reply(r.setCallListRoles(req.caller(), *roles), req, [](const auto& given) {
          return json{{"roles", given}};
        });
      });
  router.add({.method = "POST",
              .pattern = "/api/v1/reports/call-list",
              .summary = "Download the call list (names, full phones, addresses) a filter "
                         "selects, with a reason (audited)",
              .tag = "reports",
              .request_body = {{"type", "object"}, {"required", {"format", "reason"}}}},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto format, json_input::requiredString(body, "format", 1, 8));
               LINLI_HTTP_ASSIGN(auto reason, json_input::optionalString(body, "reason", 0, 200));
               json filter = body.value("filter", json::object());
               LINLI_HTTP_ASSIGN(ExportFile file, r.exportCallList(req.caller(), filter, format,
                                                                   reason.value_or("")));
               return exportFileResponse(std::move(file));
             });
}

}  // namespace linli::reports
