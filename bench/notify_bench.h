// `linli bench notify`: the time to queue one notice to every resident of a
// demo street (at least 100,000 by default; the figure is scaled to 100,000
// recipients), the delivery rate of its SMS through the real HTTP sender to
// the local fake gateway, and the daily reminder scan over the street's
// assets. `--json` prints {enqueue_100k_s, deliver_per_s, reminder_scan_ms, …}.
#pragma once

#include <cstdint>

namespace linli::bench {

struct NotifyBenchOptions {
  bool json = false;
  int64_t residents = 110000;
  double seconds = 5.0;  // of delivery
};

int runNotifyBench(const NotifyBenchOptions& options);

}  // namespace linli::bench
