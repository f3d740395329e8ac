// `linli bench today`: the home page's API (GET /api/v1/today, 今日待办) over
// a real server, for each role's demo account, on a street of N residents
// (default 1,000,000) with M open requests (default 100,000) spread over its
// grids (assigned to the grid worker where there is one) — a tenth overdue, a fiftieth escalated, a
// third not yet received. Prints p50 / p95 / p99 per role (goal: p95 ≤ 20 ms) and fails when any
// answer is not 200.
#pragma once

#include <cstdint>

namespace linli::bench {

struct TodayBenchOptions {
  bool json = false;
  double seconds = 2.0;
  int64_t residents = 1000000;
  int64_t open = 100000;
  int connections = 4;
};

int runTodayBench(const TodayBenchOptions& options);

}  // namespace linli::bench
