// `linli bench http`: starts a real linli server on a loopback port (fresh
// data directory, demo accounts) and a load generator in the same process,
// then prints requests/s and p50/p99 latency for GET /healthz and for an
// authenticated JSON GET (/api/v1/auth/me with a session cookie) at 64 and
// 1000 keep-alive connections. Connections that completed no request are
// reported (a load generator's totals can hide starved clients).
#pragma once

namespace linli::bench {

struct HttpBenchOptions {
  bool json = false;
  double seconds = 3.0;
  int server_threads = 0;
};

int runHttpBench(const HttpBenchOptions& options);

}  // namespace linli::bench
