#include "app/test_clock.h"

#include "common/json_input.h"
#include "http/error_response.h"
#include "http/json_body.h"

namespace linli::app {

namespace {

constexpr int kMaxAdvanceS = 400 * 86400;  // more than a year: a whole SLA calendar

http::Response clockJson(const Clock& clock) {
  TimeMs now = clock.now();
  return http::Response::json(200, {{"now", formatIso8601(now)}, {"now_ms", std::to_string(now)}});
}

}  // namespace

void registerTestClockRoutes(http::Router& router, ShiftedClock& clock) {
  router.add({.method = "GET",
              .pattern = "/api/v1/testing/clock",
              .summary = "The server's time (only with --test-clock)",
              .tag = "testing",
              .requires_auth = false},
             [&clock](http::Request&) { return clockJson(clock); });
  router.add({.method = "POST",
              .pattern = "/api/v1/testing/clock",
              .summary = "Move the server's time forward (only with --test-clock)",
              .tag = "testing",
              .requires_auth = false,
              .request_body = {{"type", "object"},
                               {"required", {"advance_s"}},
                               {"properties", {{"advance_s", {{"type", "integer"}}}}}}},
             [&clock](http::Request& req) {
               auto body = http::jsonObjectBody(req);
               if (!body.ok()) return http::errorResponse(body.status(), req.request_id);
               auto by = json_input::optionalInt(*body, "advance_s", 1, kMaxAdvanceS);
               if (!by.ok()) return http::errorResponse(by.status(), req.request_id);
               if (!*by)
                 return http::errorResponse(invalidArgument("advance_s", "advance_s is required"),
                                            req.request_id);
               clock.advance(TimeMs{**by} * 1000);
               return clockJson(clock);
             });
}

}  // namespace linli::app
