// HTTP for the home page: GET /api/v1/today.
#include "common/clock.h"
#include "http/reply.h"
#include "http/router.h"
#include "requests/lifecycle.h"
#include "today/today.h"

namespace linli::today {

using nlohmann::json;

namespace {

json requestJson(const requests::Request& r, TimeMs now) {
  return {{"id", std::to_string(r.id)},
          {"number", r.number},
          {"status", r.status},
          {"category_name", r.category_name},
          {"description", r.description},
          {"address", r.address},
          {"priority", r.priority},
          {"resolve_due", formatIso8601(r.resolve_due)},
          {"overdue", requests::isOpen(r.status) && !r.paused_at && r.resolve_due < now},
          {"new", r.status == "assigned" && !r.received_at},
          {"escalation", r.escalation_level > 0
                             ? json{{"level", r.escalation_level}, {"color", r.escalation_color}}
                             : json()}};
}

json todayJson(const Today& t, TimeMs now) {
  json items = json::array();
  for (const auto& i : t.items)
    items.push_back({{"key", i.key}, {"count", i.count}, {"link", i.link}, {"alert", i.alert}});
  json reqs = json::array();
  for (const auto& r : t.requests) reqs.push_back(requestJson(r, now));
  json people = json::array();
  for (const auto& w : t.people)
    people.push_back({{"user_id", std::to_string(w.user_id)},
                      {"display_name", w.display_name},
                      {"role", w.role},
                      {"open", w.open},
                      {"overdue", w.overdue},
                      {"on_leave", w.on_leave}});
  json communities = json::array();
  for (const auto& c : t.communities)
    communities.push_back({{"id", std::to_string(c.id)},
                           {"name", c.name},
                           {"open", c.load.open},
                           {"overdue", c.load.overdue},
                           {"escalated", c.load.escalated},
                           {"awaiting_report_in", c.load.awaiting_report_in},
                           {"rated", c.load.rated},
                           {"satisfaction", c.load.rated ? json(c.load.satisfaction) : json()}});
  return {{"role", t.role},   {"items", items},
          {"requests", reqs}, {"requests_link", t.requests_link},
          {"people", people}, {"communities", communities}};
}

}  // namespace

void registerRoutes(http::Router& router, TodayService& today) {
  router.add({.method = "GET",
              .pattern = "/api/v1/today",
              .summary = "Today's work for the caller (the home page), per role",
              .tag = "today"},
             [&today](http::Request& req) {
               return http::reply(today.forCaller(req.caller()), req,
                                  [](const Today& t) { return todayJson(t, t.now); });
             });
}

}  // namespace linli::today
