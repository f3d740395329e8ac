// `linli bench notify`: on a demo street of 1,000,000 residents, the time to
// queue one notice to its first community (about 125,000 residents; scaled
// to 100,000 recipients), the delivery rate of its SMS through the real HTTP
// sender to the local fake gateway, and the daily reminder scan: the assets
// and a monthly birthday rule (turning 80, 90, 100) over every resident (100,000 by default,
// inspections spread over the year; the first scan, which finds a month's worth, and the next
// day's). `--json` prints {enqueue_100k_s, deliver_per_s, reminder_scan_ms, …}.
#pragma once

#include <cstdint>

namespace linli::bench {

struct NotifyBenchOptions {
  bool json = false;
  int64_t residents = 1000000;
  double seconds = 5.0;  // of delivery
  int64_t assets = 100000;
};

int runNotifyBench(const NotifyBenchOptions& options);

}  // namespace linli::bench
