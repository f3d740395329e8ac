// HTTP for reading: requests in scope, a request's page (one `detail` call)
// and what changed since an open page last looked.
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

void registerReadingRoutes(http::Router& router, RequestService& s) {
  router.add({.method = "GET",
              .pattern = "/api/v1/requests",
              .summary = "Requests in scope, in deadline order",
              .tag = "requests",
              .query_params = {"status", "mine", "overdue", "escalated", "unreceived",
                               "awaiting_report_in", "open", "grid_id", "community_id",
                               "assignee_id", "q", "page", "page_size"}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(auto p, http::pageParams(req));
               RequestQuery q;
               q.page = p.page;
               q.page_size = p.page_size;
               q.status = http::queryText(req, "status");
               q.mine = http::queryText(req, "mine").value_or("") == "1";
               q.overdue = http::queryText(req, "overdue").value_or("") == "1";
               q.escalated = http::queryText(req, "escalated").value_or("") == "1";
               q.unreceived = http::queryText(req, "unreceived").value_or("") == "1";
               q.awaiting_report_in =
                   http::queryText(req, "awaiting_report_in").value_or("") == "1";
               if (http::queryText(req, "open").value_or("") == "1") q.open = true;
               LINLI_HTTP_ASSIGN(q.grid_id, http::queryId(req, "grid_id"));
               LINLI_HTTP_ASSIGN(q.community_id, http::queryId(req, "community_id"));
               LINLI_HTTP_ASSIGN(q.assignee_id, http::queryId(req, "assignee_id"));
               q.q = http::queryText(req, "q");
               return http::reply(s.list(req.caller(), q), req, [&](const RequestPage& page) {
                 json items = json::array();
                 for (const auto& r : page.items) items.push_back(requestJson(s, req.caller(), r));
                 return json{{"items", items},
                             {"total", page.total},
                             {"page", p.page},
                             {"page_size", p.page_size}};
               });
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/requests/{id}",
              .summary = "A request with its timeline",
              .tag = "requests"},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               LINLI_HTTP_ASSIGN(auto d, s.detail(req.caller(), id));
               json out = requestJson(s, req.caller(), d.request);
               if (const auto& e = d.escalation)
                 out["escalation"] = {{"level", e->level},
                                      {"color", e->color},
                                      {"called", e->called},
                                      {"at", formatIso8601(e->at)},
                                      {"report_in_due", formatIso8601(e->report_in_due)},
                                      {"reported_at", timeJson(e->reported_at)}};
               out["possible_duplicates"] = json::array();
               for (const auto& c : d.possible_duplicates)
                 out["possible_duplicates"].push_back(
                     {{"id", std::to_string(c.id)}, {"number", c.number}});
               out["timeline"] = json::array();
               for (const auto& e : d.timeline) out["timeline"].push_back(eventJson(e));
               out["photos"] = json::array();
               for (const auto& p : d.photos) out["photos"].push_back(photoJson(id, p));
               out["can_add_photo"] = d.can_add_photo;
               return Response::json(200, out);
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/requests/updates",
              .summary = "Requests in scope changed after `since` (for open pages)",
              .tag = "requests",
              .query_params = {"since"}},
             [&s](http::Request& req) {
               auto text = http::queryText(req, "since");
               std::optional<TimeMs> since = text ? parseIso8601(*text) : std::nullopt;
               if (text && !since)
                 return http::errorResponse(
                     invalidArgument("since", "since is a time like 2026-11-23T09:00:00+08:00"),
                     req.request_id);
               // Commits land a little after their clock reading: look back two seconds.
               const TimeMs now = s.now();
               RequestQuery q;
               q.updated_after = since.value_or(now) - 2000;
               q.page_size = 200;
               return http::reply(s.list(req.caller(), q), req, [&](const RequestPage& page) {
                 json items = json::array();
                 for (const auto& r : page.items)
                   items.push_back(
                       {{"id", std::to_string(r.id)},
                        {"number", r.number},
                        {"status", r.status},
                        {"escalation", r.escalation_level > 0 ? json{{"level", r.escalation_level},
                                                                     {"color", r.escalation_color}}
                                                              : json()},
                        {"updated_at", formatIso8601(r.updated_at)},
                        {"new", r.created_at > q.updated_after.value()}});
                 return json{{"now", formatIso8601(now)}, {"items", items}};
               });
             });
}

}  // namespace linli::requests
