// HTTP for follow-up visits (回访): the list in scope, and recording one.
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

void registerFollowupRoutes(http::Router& router, RequestService& s) {
  router.add({.method = "GET",
              .pattern = "/api/v1/requests/followups",
              .summary = "Follow-up visits (回访) after low ratings, in scope",
              .tag = "requests",
              .query_params = {"mine", "open"}},
             [&s](http::Request& req) {
               const bool mine = http::queryText(req, "mine").value_or("") == "1";
               const bool open = http::queryText(req, "open").value_or("") == "1";
               return http::reply(s.followups(req.caller(), mine, open), req, [](const auto& list) {
                 json items = json::array();
                 for (const Followup& f : list)
                   items.push_back({{"id", std::to_string(f.id)},
                                    {"request_id", std::to_string(f.request_id)},
                                    {"number", f.number},
                                    {"assignee_id", optionalJson(f.assignee_id)},
                                    {"created_at", formatIso8601(f.created_at)},
                                    {"due_at", formatIso8601(f.due_at)},
                                    {"done_at", timeJson(f.done_at)},
                                    {"note", f.note}});
                 return json{{"items", items}};
               });
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/requests/followups/{id}/done",
              .summary = "Record a follow-up visit",
              .tag = "requests",
              .request_body = {{"type", "object"}, {"required", {"note"}}}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto note, ji::requiredString(body, "note", 1, 2000));
               Status st = s.finishFollowup(req.caller(), id, note);
               if (!st.ok()) return http::errorResponse(st, req.request_id);
               return Response::noContent();
             });
}

}  // namespace linli::requests
