// `linli bench requests`: durable request creation over HTTP (POST
// /api/v1/requests with an API token, 64 keep-alive clients, each answer only
// after its commit) against GET /healthz in the same run; the escalation
// scheduler's tick with N open requests (default 1,000,000) each holding a
// pending deadline job (checked: the due ones reach level 1 and their handler
// is told once each); and the classifier: training on the seed corpus (time,
// memory) and top-1 / top-3 on the evaluation set it never trained on
// (src/requests/corpus/), failing below a floor of top-1.
#pragma once

#include <cstdint>

namespace linli::bench {

struct RequestsBenchOptions {
  bool json = false;
  double seconds = 3.0;
  int64_t open = 1000000;
  int server_threads = 0;
};

int runRequestsBench(const RequestsBenchOptions& options);

}  // namespace linli::bench
