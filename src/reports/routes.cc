#include "reports/routes.h"

#include "common/json_input.h"
#include "http/json_body.h"
#include "http/reply.h"
#include "http/router.h"

namespace linli::reports {

http::Response exportFileResponse(ExportFile file) {
  http::Response res;
  res.content_type = file.content_type;
  res.body = std::move(file.body);
  res.header("Content-Disposition", "attachment; filename=\"" + file.filename + "\"");
  res.header("Cache-Control", "no-store");
  res.header("X-Rows", std::to_string(file.rows));
  return res;
}

namespace {
using http::Request;
using http::Response;
using nlohmann::json;

json identity(const json& j) { return j; }

Result<int> bodyInt(const json& body, const char* key, int def, int lo, int hi) {
  auto v = json_input::optionalInt(body, key, lo, hi);
  if (!v.ok()) return v.status();
  return v->value_or(def);
}
}  // namespace

void registerRoutes(http::Router& router, ReportService& reports) {
  ReportService& r = reports;
  router.add({.method = "POST",
              .pattern = "/api/v1/reports/query",
              .summary = "Count, list and group residents by a filter, within the caller's scope",
              .tag = "reports",
              .request_body = {{"type", "object"}}},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(Filter filter, parseFilter(body.value("filter", json::object())));
               LINLI_HTTP_ASSIGN(auto group_by, parseGroupBy(body.value("group_by", json())));
               LINLI_HTTP_ASSIGN(int page, bodyInt(body, "page", 1, 1, 1000000));
               LINLI_HTTP_ASSIGN(int page_size, bodyInt(body, "page_size", 20, 1, 200));
               return http::reply(r.query(req.caller(), filter, group_by, page, page_size), req,
                                  identity);
             });
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/reports/templates",
       .summary = "Saved report templates: mine and those shared within my area",
       .tag = "reports"},
      [&r](Request& req) { return http::reply(r.listTemplates(req.caller()), req, identity); });
  router.add({.method = "POST",
              .pattern = "/api/v1/reports/templates",
              .summary = "Save a report as a named template",
              .tag = "reports",
              .request_body = {{"type", "object"}, {"required", {"name", "filter"}}},
              .success_status = 201},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto name, json_input::requiredString(body, "name", 1, 64));
               LINLI_HTTP_ASSIGN(auto group_by, parseGroupBy(body.value("group_by", json())));
               LINLI_HTTP_ASSIGN(auto shared, json_input::optionalBool(body, "shared"));
               return http::reply(
                   r.createTemplate(req.caller(), name, body.value("filter", json::object()),
                                    group_by, shared.value_or(false)),
                   req, identity, 201);
             });
  router.add({.method = "PATCH",
              .pattern = "/api/v1/reports/templates/{id}",
              .summary = "Share my template with my area, or stop sharing it",
              .tag = "reports",
              .request_body = {{"type", "object"}, {"required", {"shared"}}}},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto id, json_input::parseId(req.path_params.at("id"), "id"));
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto shared, json_input::optionalBool(body, "shared"));
               if (!shared)
                 return http::errorResponse(invalidArgument("shared", "shared is required"),
                                            req.request_id);
               return http::reply(r.shareTemplate(req.caller(), id, *shared), req, identity);
             });
  router.add({.method = "DELETE",
              .pattern = "/api/v1/reports/templates/{id}",
              .summary = "Delete a template",
              .tag = "reports",
              .success_status = 204},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto id, json_input::parseId(req.path_params.at("id"), "id"));
               Status st = r.deleteTemplate(req.caller(), id);
               if (!st.ok()) return http::errorResponse(st, req.request_id);
               return Response::noContent();
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/reports/templates/{id}/run",
              .summary = "Run a saved template on fresh data",
              .tag = "reports",
              .request_body = {{"type", "object"}}},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto id, json_input::parseId(req.path_params.at("id"), "id"));
               json body = json::object();
               if (!req.body.empty()) {
                 LINLI_HTTP_ASSIGN(body, http::jsonObjectBody(req));
               }
               LINLI_HTTP_ASSIGN(int page, bodyInt(body, "page", 1, 1, 1000000));
               LINLI_HTTP_ASSIGN(int page_size, bodyInt(body, "page_size", 20, 1, 200));
               return http::reply(r.runTemplate(req.caller(), id, page, page_size), req, identity);
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/reports/export",
              .summary = "Download the residents a filter matches as CSV or XLSX (audited)",
              .tag = "reports",
              .request_body = {{"type", "object"}, {"required", {"format"}}}},
             [&r](Request& req) {
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(Filter filter, parseFilter(body.value("filter", json::object())));
               LINLI_HTTP_ASSIGN(auto format, json_input::requiredString(body, "format", 1, 8));
               LINLI_HTTP_ASSIGN(ExportFile file, r.exportResidents(req.caller(), filter, format));
               return exportFileResponse(std::move(file));
             });
  registerCallListRoutes(router, reports);
}

}  // namespace linli::reports
