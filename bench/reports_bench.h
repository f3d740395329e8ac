// `linli bench reports [--residents N] [--json]`: builds a street of N
// residents (1,000,000 by default) as a CSV file, times its import (rows/s),
// builds the report index, then runs a fixed set of smart-report queries
// through linli and the same questions as plain SQL on the SQLite database,
// printing p50/p95 of each side and their ratio, plus peak RSS.
// --json: {"p95_ms" (worst linli query), "sql_ratio" (smallest SQL p95 /
// linli p95), "import_rows_per_s", "peak_rss_mb", "queries": [...]}.
#pragma once

#include <cstdint>

namespace linli::bench {

struct ReportsBenchOptions {
  int64_t residents = 1000000;
  int repeats = 20;
  bool json = false;
};

int runReportsBench(const ReportsBenchOptions& options);

}  // namespace linli::bench
