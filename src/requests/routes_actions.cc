// HTTP for acting on a request: POST .../actions/{action} with the action's
// input (the lifecycle answers 409 when the action is not allowed now).
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

Result<ActionInput> actionFrom(const http::Request& req) {
  json body = json::object();
  if (!req.body.empty()) {
    LINLI_ASSIGN_OR_RETURN(body, http::jsonObjectBody(req));
  }
  ActionInput in;
  LINLI_ASSIGN_OR_RETURN(auto note, ji::optionalString(body, "note", 1, 2000));
  in.note = note.value_or("");
  LINLI_ASSIGN_OR_RETURN(auto reason, ji::optionalString(body, "reason", 1, 500));
  in.reason = reason.value_or("");
  LINLI_ASSIGN_OR_RETURN(auto comment, ji::optionalString(body, "comment", 1, 500));
  in.comment = comment.value_or("");
  LINLI_ASSIGN_OR_RETURN(in.assignee_id, ji::optionalId(body, "assignee_id"));
  LINLI_ASSIGN_OR_RETURN(in.rating, ji::optionalInt(body, "rating", 1, 5));
  LINLI_ASSIGN_OR_RETURN(in.category, ji::optionalString(body, "category", 1, 32));
  LINLI_ASSIGN_OR_RETURN(in.duplicate_of, ji::optionalId(body, "duplicate_of"));
  LINLI_ASSIGN_OR_RETURN(auto internal, ji::optionalBool(body, "internal"));
  in.internal = internal.value_or(false);
  return in;
}

}  // namespace

void registerActionRoutes(http::Router& router, RequestService& s) {
  router.add({.method = "POST",
              .pattern = "/api/v1/requests/{id}/actions/{action}",
              .summary = "Move a request along its lifecycle (409 when not allowed now)",
              .tag = "requests",
              .request_body = {{"type", "object"}}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               LINLI_HTTP_ASSIGN(auto in, actionFrom(req));
               return http::reply(
                   s.act(req.caller(), id, req.path_params.at("action"), in), req,
                   [&](const Request& r) { return requestJson(s, req.caller(), r); });
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/requests/{id}/contact/reveal",
              .summary = "The contact's phone in full, to call back (audited)",
              .tag = "requests",
              .request_body = {{"type", "object"}, {"required", {"reason"}}}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto reason, ji::requiredString(body, "reason", 1, 20));
               return http::reply(s.revealContact(req.caller(), id, reason), req,
                                  [](const std::string& phone) {
                                    return json{{"phone", phone}};
                                  });
             });
}

}  // namespace linli::requests
