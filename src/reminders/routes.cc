// HTTP for reminders: parse → one service call → JSON. Contract: docs/http-api.md "Reminders".
#include "common/json_input.h"
#include "http/error_response.h"
#include "http/json_body.h"
#include "http/reply.h"
#include "http/router.h"
#include "reminders/reminders.h"

namespace linli::reminders {

namespace {
using nlohmann::json;
namespace ji = json_input;

json reminderJson(const AssetReminder& r) {
  return {{"id", std::to_string(r.id)},
          {"asset_id", std::to_string(r.asset_id)},
          {"building_id", std::to_string(r.building_id)},
          {"asset_name", r.asset_name},
          {"asset_kind", r.asset_kind},
          {"address", r.address},
          {"kind", r.kind},
          {"due_on", formatDate(r.due_on)},
          {"created_at", formatIso8601(r.created_at)},
          {"confirmed_at", r.confirmed_at ? json(formatIso8601(*r.confirmed_at)) : json()},
          {"notice_id", r.notice_id ? json(std::to_string(*r.notice_id)) : json()},
          {"done", r.done}};
}
json ruleJson(const ReminderRule& r) {
  return {{"id", std::to_string(r.id)},
          {"name", r.name},
          {"condition", r.condition},
          {"report_id", r.report_id ? json(std::to_string(*r.report_id)) : json()},
          {"ages", r.ages},
          {"schedule", r.schedule},
          {"subject", r.subject},
          {"body", r.body},
          {"recipients", r.recipients},
          {"active", r.active}};
}

Result<ReminderRule> ruleFrom(const http::Request& req) {
  LINLI_ASSIGN_OR_RETURN(auto body, http::jsonObjectBody(req));
  ReminderRule r;
  LINLI_ASSIGN_OR_RETURN(r.name, ji::requiredString(body, "name", 1, 64));
  LINLI_ASSIGN_OR_RETURN(r.condition, ji::requiredString(body, "condition", 1, 16));
  LINLI_ASSIGN_OR_RETURN(r.report_id, ji::optionalId(body, "report_id"));
  if (body.contains("ages")) {
    if (!body["ages"].is_array()) return invalidArgument("ages", "ages is a list like [80, 90]");
    std::string text;
    for (const auto& a : body["ages"]) text += (text.empty() ? "" : ",") + a.dump();
    LINLI_ASSIGN_OR_RETURN(r.ages, parseAges(text));
  }
  LINLI_ASSIGN_OR_RETURN(r.schedule, ji::requiredString(body, "schedule", 1, 16));
  LINLI_ASSIGN_OR_RETURN(r.subject, ji::requiredString(body, "subject", 1, 60));
  LINLI_ASSIGN_OR_RETURN(r.body, ji::requiredString(body, "body", 1, 500));
  LINLI_ASSIGN_OR_RETURN(r.recipients, ji::requiredString(body, "recipients", 1, 16));
  return r;
}

}  // namespace

void registerRoutes(http::Router& router, ReminderService& reminders) {
  ReminderService& s = reminders;
  router.add({.method = "GET",
              .pattern = "/api/v1/reminders/rules",
              .summary = "Reminder rules in my area",
              .tag = "reminders"},
             [&s](http::Request& req) {
               return http::reply(s.rules(req.caller()), req, [](const auto& list) {
                 json items = json::array();
                 for (const auto& r : list) items.push_back(ruleJson(r));
                 return json{{"items", items}};
               });
             });
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/reminders/rules",
       .summary = "Add a reminder rule: condition, schedule, text and recipients",
       .tag = "reminders",
       .request_body = {{"type", "object"},
                        {"required",
                         {"name", "condition", "schedule", "subject", "body", "recipients"}}},
       .success_status = 201},
      [&s](http::Request& req) {
        LINLI_HTTP_ASSIGN(auto r, ruleFrom(req));
        return http::reply(s.addRule(req.caller(), r), req, ruleJson, 201);
      });
  router.add({.method = "PATCH",
              .pattern = "/api/v1/reminders/rules/{id}",
              .summary = "Switch a reminder rule on or off",
              .tag = "reminders",
              .request_body = {{"type", "object"}, {"required", {"active"}}}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto active, ji::optionalBool(body, "active"));
               if (!active)
                 return http::errorResponse(invalidArgument("active", "true or false"),
                                            req.request_id);
               return http::reply(s.setRuleActive(req.caller(), id, *active), req, ruleJson);
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/reminders/rules/{id}/preview",
              .summary = "How many residents the rule selects for the current period",
              .tag = "reminders"},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               return http::reply(s.preview(req.caller(), id), req, [](int64_t n) {
                 return json{{"matched", n}};
               });
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/reminders/assets",
              .summary = "Inspection reminders in my area (open=1: not yet inspected)",
              .tag = "reminders",
              .query_params = {"open", "asset_id"}},
             [&s](http::Request& req) {
               const bool open = http::queryText(req, "open").value_or("") == "1";
               LINLI_HTTP_ASSIGN(auto asset, http::queryId(req, "asset_id"));
               return http::reply(s.list(req.caller(), open, asset), req, [](const auto& list) {
                 json items = json::array();
                 for (const auto& r : list) items.push_back(reminderJson(r));
                 return json{{"items", items}};
               });
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/reminders/assets/{id}/confirm",
              .summary = "Confirm: tell the residents of the building (a notice)",
              .tag = "reminders",
              .request_body = {{"type", "object"}}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               json body = json::object();
               if (!req.body.empty()) {
                 LINLI_HTTP_ASSIGN(body, http::jsonObjectBody(req));
               }
               LINLI_HTTP_ASSIGN(auto message, ji::optionalString(body, "message", 1, 500));
               return http::reply(s.confirm(req.caller(), id, message.value_or("")), req,
                                  reminderJson);
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/reminders/assets/{id}/inspected",
              .summary = "Record the inspection: the next one falls due a year later",
              .tag = "reminders",
              .request_body = {{"type", "object"}, {"required", {"date"}}}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto text, ji::requiredString(body, "date", 10, 10));
               auto on = parseDate(text);
               if (!on)
                 return http::errorResponse(invalidArgument("date", "date is like 2026-11-23"),
                                            req.request_id);
               return http::reply(s.recordInspection(req.caller(), id, *on), req, reminderJson);
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/reminders/scan",
              .summary = "Run today's inspection scan now (it also runs daily at 08:00)",
              .tag = "reminders"},
             [&s](http::Request& req) {
               return http::reply(s.scanNow(req.caller()), req, [](const ScanReport& r) {
                 return json{{"due_soon", r.due_soon}, {"overdue", r.overdue}, {"told", r.told}};
               });
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/reminders/settings",
              .summary = "Reminder settings of my street",
              .tag = "reminders"},
             [&s](http::Request& req) {
               return http::reply(s.leadDays(req.caller()), req, [](int days) {
                 return json{{"asset_lead_days", days}};
               });
             });
  router.add({.method = "PUT",
              .pattern = "/api/v1/reminders/settings",
              .summary = "Set how many days ahead inspections are reminded of",
              .tag = "reminders",
              .request_body = {{"type", "object"}, {"required", {"asset_lead_days"}}}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto days, ji::optionalInt(body, "asset_lead_days", 1, 365));
               if (!days)
                 return http::errorResponse(invalidArgument("asset_lead_days", "give the days"),
                                            req.request_id);
               Status st = s.setLeadDays(req.caller(), *days);
               if (!st.ok()) return http::errorResponse(st, req.request_id);
               return http::Response::json(200, {{"asset_lead_days", *days}});
             });
}

}  // namespace linli::reminders
