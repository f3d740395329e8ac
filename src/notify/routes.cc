// HTTP for notifications and notices: parse → one service call → JSON.
// Contract: docs/http-api.md "Notifications".
#include "common/json_input.h"
#include "http/error_response.h"
#include "http/json_body.h"
#include "http/reply.h"
#include "http/router.h"
#include "notify/notify.h"

namespace linli::notify {

namespace {
using http::Response;
using nlohmann::json;
namespace ji = json_input;

json timeJson(const std::optional<TimeMs>& t) { return t ? json(formatIso8601(*t)) : json(); }

json prefsJson(const Preferences& p) {
  return {{"sms", p.sms},
          {"email", p.email},
          {"locale", p.locale},
          {"phone_masked", p.phone_last4.empty() ? json() : json("*******" + p.phone_last4)},
          {"email_address", p.email_address},
          {"quiet_start", formatClockTime(p.quiet.start_minute)},
          {"quiet_end", formatClockTime(p.quiet.end_minute)}};
}

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

Result<PreferencesUpdate> prefsFrom(const http::Request& req) {
  LINLI_ASSIGN_OR_RETURN(auto body, http::jsonObjectBody(req));
  PreferencesUpdate p;
  LINLI_ASSIGN_OR_RETURN(auto sms, ji::optionalBool(body, "sms"));
  LINLI_ASSIGN_OR_RETURN(auto email, ji::optionalBool(body, "email"));
  p.sms = sms.value_or(false);
  p.email = email.value_or(false);
  LINLI_ASSIGN_OR_RETURN(p.phone, ji::optionalString(body, "phone", 0, 32));
  LINLI_ASSIGN_OR_RETURN(p.locale, ji::optionalString(body, "locale", 1, 8));
  LINLI_ASSIGN_OR_RETURN(auto address, ji::optionalString(body, "email_address", 0, 200));
  p.email_address = address.value_or("");
  for (auto [key, out] : {std::pair{"quiet_start", &p.quiet.start_minute},
                          std::pair{"quiet_end", &p.quiet.end_minute}}) {
    LINLI_ASSIGN_OR_RETURN(auto text, ji::optionalString(body, key, 0, 5));
    if (!text) continue;
    auto minute = parseClockTime(*text);
    if (!minute) return invalidArgument(key, std::string(key) + " is a time like 22:00");
    *out = *minute;
  }
  return p;
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

void registerRoutes(http::Router& router, NotificationService& notifications) {
  NotificationService& s = notifications;
  router.add({.method = "GET",
              .pattern = "/api/v1/notifications",
              .summary = "My inbox, newest first",
              .tag = "notifications",
              .query_params = {"unread", "page", "page_size"}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(auto p, http::pageParams(req));
               const bool unread = http::queryText(req, "unread").value_or("") == "1";
               return http::reply(
                   s.inbox(req.caller(), unread, p.page, p.page_size), req, [](const Inbox& in) {
                     json items = json::array();
                     for (const auto& m : in.items)
                       items.push_back({{"id", std::to_string(m.id)},
                                        {"subject", m.subject},
                                        {"body", m.body},
                                        {"urgent", m.urgent},
                                        {"created_at", formatIso8601(m.created_at)},
                                        {"read_at", timeJson(m.read_at)},
                                        {"link", m.link ? json(*m.link) : json()}});
                     return json{{"items", items}, {"total", in.total}, {"unread", in.unread}};
                   });
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/notifications/unread-count",
              .summary = "How many of my messages are unread (the bell)",
              .tag = "notifications"},
             [&s](http::Request& req) {
               return http::reply(s.unreadCount(req.caller()), req, [](int64_t n) {
                 return json{{"unread", n}};
               });
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/notifications/{id}/read",
              .summary = "Mark one of my messages read",
              .tag = "notifications",
              .success_status = 204},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               Status st = s.markRead(req.caller(), id);
               if (!st.ok()) return http::errorResponse(st, req.request_id);
               return Response::noContent();
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/notifications/read-all",
              .summary = "Mark all my messages read",
              .tag = "notifications"},
             [&s](http::Request& req) {
               return http::reply(s.markAllRead(req.caller()), req, [](int64_t n) {
                 return json{{"marked", n}};
               });
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/notifications/preferences",
              .summary = "My channels and quiet hours",
              .tag = "notifications"},
             [&s](http::Request& req) {
               return http::reply(s.preferences(req.caller()), req, prefsJson);
             });
  router.add({.method = "PUT",
              .pattern = "/api/v1/notifications/preferences",
              .summary = "Set my channels and quiet hours",
              .tag = "notifications",
              .request_body = {{"type", "object"}}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(auto p, prefsFrom(req));
               return http::reply(s.setPreferences(req.caller(), p), req, prefsJson);
             });
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

}  // namespace linli::notify
