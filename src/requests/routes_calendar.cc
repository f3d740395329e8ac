// HTTP for what deadlines are measured by: the street's business calendar
// and the escalation levels (吹哨).
#include "common/civil_date.h"
#include "common/clock.h"
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

void registerCalendarRoutes(http::Router& router, RequestService& s) {
  router.add({.method = "GET",
              .pattern = "/api/v1/requests/calendar",
              .summary = "The street's holidays and make-up workdays in a year",
              .tag = "requests",
              .query_params = {"year"}},
             [&s](http::Request& req) {
               int year = dateAt(s.now()).year;
               if (auto y = http::queryText(req, "year")) {
                 try {
                   year = std::stoi(*y);
                 } catch (...) {
                   year = 0;
                 }
                 if (year < 2000 || year > 2100)
                   return http::errorResponse(invalidArgument("year", "year must be like 2026"),
                                              req.request_id);
               }
               return http::reply(s.businessDays(req.caller(), year), req, [](const auto& days) {
                 json items = json::array();
                 for (const auto& [date, kind] : days)
                   items.push_back({{"date", formatDate(date)}, {"kind", kind}});
                 return json{{"items", items}};
               });
             });
  router.add({.method = "PUT",
              .pattern = "/api/v1/requests/calendar/{date}",
              .summary = "Mark a date a holiday, a make-up workday, or normal again",
              .tag = "requests",
              .request_body = {{"type", "object"}, {"required", {"kind"}}}},
             [&s](http::Request& req) {
               auto date = parseDate(req.path_params.at("date"));
               if (!date)
                 return http::errorResponse(invalidArgument("date", "date must be like 2026-10-01"),
                                            req.request_id);
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto kind, ji::requiredString(body, "kind", 1, 16));
               Status st = s.setBusinessDay(req.caller(), *date, kind);
               if (!st.ok()) return http::errorResponse(st, req.request_id);
               return Response::json(200, {{"date", formatDate(*date)}, {"kind", kind}});
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/requests/escalation-levels",
              .summary = "Who is called at each escalation level (吹哨) and their report-in time",
              .tag = "requests"},
             [&s](http::Request& req) {
               return http::reply(s.escalationLevels(req.caller()), req, [](const auto& levels) {
                 json items = json::array();
                 for (const auto& l : levels)
                   items.push_back({{"level", l.level},
                                    {"color", l.color},
                                    {"called", l.called},
                                    {"called_en", l.called_en},
                                    {"report_in_hours", l.report_in_hours}});
                 return json{{"items", items}};
               });
             });
}

}  // namespace linli::requests
