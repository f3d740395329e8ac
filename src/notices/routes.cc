// HTTP for notices: parse → one service call → JSON.
// Contract: docs/http-api.md "Notifications".
#include "common/json_input.h"
#include "http/error_response.h"
#include "http/json_body.h"
#include "http/reply.h"
#include "http/router.h"
#include "notices/notices.h"

namespace linli::notices {

namespace {
using http::Response;
using nlohmann::json;
namespace ji = json_input;

json noticeJson(const Notice& n) {
  const bool sending = n.progress.queued > 0;
  return {{"id", std::to_string(n.id)},
          {"title", n.title},
          {"body", n.body},
          {"urgent", n.urgent},
          {"created_at", formatIso8601(n.created_at)},
          {"created_by_name", n.created_by_name},
          {"recipients", n.recipients},
          {"without_phone", n.without_phone},
          {"status", sending ? "sending" : "done"},
          {"progress",
           {{"queued", n.progress.queued},
            {"sent", n.progress.sent},
            {"failed", n.progress.failed},
            {"read", n.progress.read}}}};
}

Result<Audience> audienceFrom(const json& body) {
  if (!body.contains("audience") || !body["audience"].is_object())
    return invalidArgument("audience", "choose a saved report or a place");
  const json& a = body["audience"];
  Audience out;
  LINLI_ASSIGN_OR_RETURN(out.report_id, ji::optionalId(a, "report_id"));
  LINLI_ASSIGN_OR_RETURN(out.community_id, ji::optionalId(a, "community_id"));
  LINLI_ASSIGN_OR_RETURN(out.grid_id, ji::optionalId(a, "grid_id"));
  if (a.contains("building_ids")) {
    if (!a["building_ids"].is_array() || a["building_ids"].size() > 200)
      return invalidArgument("audience.building_ids", "a list of at most 200 building ids");
    for (const auto& b : a["building_ids"]) {
      LINLI_ASSIGN_OR_RETURN(
          int64_t id,
          ji::parseId(b.is_string() ? b.get<std::string>() : b.dump(), "audience.building_ids"));
      out.building_ids.push_back(id);
    }
  }
  return out;
}

}  // namespace

void registerRoutes(http::Router& router, NoticeService& notices) {
  NoticeService& s = notices;
  router.add({.method = "POST",
              .pattern = "/api/v1/notices/preview",
              .summary = "How many a notice would reach, by channel",
              .tag = "notifications",
              .request_body = {{"type", "object"}, {"required", {"audience"}}}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto a, audienceFrom(body));
               return http::reply(s.preview(req.caller(), a), req, [](const AudienceCount& c) {
                 return json{{"residents", c.residents},
                             {"sms", c.sms},
                             {"in_app", c.in_app},
                             {"without_phone", c.without_phone},
                             {"households_without_phone", c.households_without_phone}};
               });
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/notices",
              .summary = "Send a notice to residents (queued at once, delivered in the background)",
              .tag = "notifications",
              .request_body = {{"type", "object"}, {"required", {"title", "body", "audience"}}},
              .success_status = 201},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto title, ji::requiredString(body, "title", 1, 60));
               LINLI_HTTP_ASSIGN(auto text, ji::requiredString(body, "body", 1, 500));
               LINLI_HTTP_ASSIGN(auto urgent, ji::optionalBool(body, "urgent"));
               LINLI_HTTP_ASSIGN(auto a, audienceFrom(body));
               return http::reply(
                   s.sendNotice(req.caller(), title, text, a, urgent.value_or(false)), req,
                   noticeJson, 201);
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/notices",
              .summary = "Notices sent in my area, newest first, with their progress",
              .tag = "notifications"},
             [&s](http::Request& req) {
               return http::reply(s.notices(req.caller()), req, [](const auto& list) {
                 json items = json::array();
                 for (const auto& n : list) items.push_back(noticeJson(n));
                 return json{{"items", items}};
               });
             });
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/notices/{id}",
       .summary = "A notice's delivery report",
       .tag = "notifications"},
      [&s](http::Request& req) {
        LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
        LINLI_HTTP_ASSIGN(auto n, s.notice(req.caller(), id));
        LINLI_HTTP_ASSIGN(auto failed, s.failures(req.caller(), id));
        json out = noticeJson(n);
        out["failures"] = json::array();
        for (const auto& f : failed)
          out["failures"].push_back(
              {{"address_masked", f.address_masked}, {"error", f.error}, {"attempts", f.attempts}});
        return Response::json(200, out);
      });
  router.add({.method = "GET",
              .pattern = "/api/v1/notices/{id}/visits",
              .summary = "Households the notice could not text: visit them",
              .tag = "notifications"},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               return http::reply(s.visits(req.caller(), id), req, [](const auto& list) {
                 json items = json::array();
                 for (const auto& v : list)
                   items.push_back({{"household_id", std::to_string(v.household_id)},
                                    {"address", v.address},
                                    {"residents", v.residents}});
                 return json{{"items", items}};
               });
             });
}

}  // namespace linli::notices
