// HTTP for notifications: parse → one service call → JSON.
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
}

}  // namespace linli::notify
