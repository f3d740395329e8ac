// The test clock: `linli serve --test-clock` adds GET /api/v1/testing/clock
// ({now, now_ms}) and POST /api/v1/testing/clock {"advance_s": N}, which moves
// the server's time forward by N seconds (never back: deadlines, leases and
// jobs already written stay consistent). Black-box tests use it to cross a
// deadline or a weekend on the real server; without the flag the routes do
// not exist. Not for production: anyone who can reach it can move time.
#pragma once

#include "common/shifted_clock.h"
#include "http/router.h"

namespace linli::app {

void registerTestClockRoutes(http::Router& router, ShiftedClock& clock);

}  // namespace linli::app
