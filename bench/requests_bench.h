// `linli bench requests`: durable request creation over HTTP (POST
// /api/v1/requests with an API token, 64 keep-alive clients, each answer only
// after its commit) against GET /healthz in the same run; the escalation
// scheduler's tick with N open requests (default 1,000,000) each holding a
// pending deadline job (checked: the due ones reach level 1 and their handler
// is told once each); and the classifier's accuracy on demo texts left out of
// training (same templates: an upper bound) and on a hand-written held-out set.
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
