// A closed-loop HTTP/1.1 load generator on epoll: `connections` keep-alive
// connections each send the same request, wait for the whole response
// (Content-Length framed), record the latency and send again. Only 2xx
// answers count as completed (and in requests_per_s and the latencies);
// anything else, and every connection that fails or is closed, is an error.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace linli::bench {

struct LoadResult {
  double requests_per_s = 0;
  double p50_ms = 0;
  double p95_ms = 0;
  double p99_ms = 0;
  uint64_t completed = 0;
  uint64_t errors = 0;          // non-2xx answers, failed or closed connections
  int starved_connections = 0;  // connections that completed nothing
};

LoadResult runLoad(uint16_t port, const std::string& request, int connections, double seconds);

}  // namespace linli::bench
