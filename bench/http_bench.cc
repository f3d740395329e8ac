#include "bench/http_bench.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/app.h"
#include "app/serve.h"
#include "bench/bench_server.h"
#include "bench/load_generator.h"
#include "demo/demo.h"
#include "http/pipeline.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static_files.h"

namespace linli::bench {

int runHttpBench(const HttpBenchOptions& options) {
  spdlog::set_level(spdlog::level::warn);
  std::string dir =
      (std::filesystem::temp_directory_path() / ("linli-bench-" + std::to_string(::getpid())))
          .string();
  auto opened = app::openApp({.data_dir = dir});
  if (!opened.ok()) {
    std::cerr << "bench: " << opened.status().toString() << "\n";
    return 1;
  }
  app::App& a = **opened;
  auto demo = demo::loadDemo(*a.db, *a.registry, *a.auth, *a.clock, 0);
  if (!demo.ok()) {
    std::cerr << "bench: " << demo.status().toString() << "\n";
    return 1;
  }
  auto login =
      a.auth->login(Caller{std::nullopt, "127.0.0.1", "bench"}, "grid_worker", demo::kDemoPassword);
  if (!login.ok()) {
    std::cerr << "bench: " << login.status().toString() << "\n";
    return 1;
  }

  BenchServer server(a, options.server_threads);
  if (Status st = server.start(); !st.ok()) {
    std::cerr << "bench: " << st.toString() << "\n";
    return 1;
  }
  const std::string healthz = "GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n";
  const std::string me = "GET /api/v1/auth/me HTTP/1.1\r\nHost: bench\r\nCookie: linli_session=" +
                         login->session_token + "\r\n\r\n";
  struct Case {
    const char* name;
    const std::string* request;
    int connections;
    LoadResult r;
  };
  std::vector<Case> cases = {{"healthz", &healthz, 64, {}},
                             {"auth_get", &me, 64, {}},
                             {"healthz_1000", &healthz, 1000, {}},
                             {"auth_get_1000", &me, 1000, {}}};
  (void)runLoad(server.port(), healthz, 16, 0.3);  // warm-up
  for (Case& c : cases) c.r = runLoad(server.port(), *c.request, c.connections, options.seconds);
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);

  if (options.json) {
    nlohmann::json out;
    for (const Case& c : cases) {
      std::string n = c.name;
      out[n + "_per_s"] = std::round(c.r.requests_per_s);
      out[n + "_p50_ms"] = c.r.p50_ms;
      out[n + "_p99_ms"] = c.r.p99_ms;
      out[n + "_errors"] = c.r.errors;
      out[n + "_starved_connections"] = c.r.starved_connections;
    }
    out["server_threads"] =
        options.server_threads > 0 ? options.server_threads : std::thread::hardware_concurrency();
    out["seconds_per_case"] = options.seconds;
    std::cout << out.dump() << "\n";
  } else {
    std::printf("%-16s %6s %12s %9s %9s %7s %8s\n", "case", "conns", "requests/s", "p50 ms",
                "p99 ms", "errors", "starved");
    for (const Case& c : cases)
      std::printf("%-16s %6d %12.0f %9.2f %9.2f %7llu %8d\n", c.name, c.connections,
                  c.r.requests_per_s, c.r.p50_ms, c.r.p99_ms,
                  static_cast<unsigned long long>(c.r.errors), c.r.starved_connections);
  }
  // A figure made of failed answers is no figure: the run fails (make test's smoke run too).
  int failed = 0;
  for (const Case& c : cases)
    if (c.r.errors > 0 || c.r.completed == 0) {
      std::fprintf(stderr, "bench http: %s: %llu errors, %llu answered 2xx\n", c.name,
                   static_cast<unsigned long long>(c.r.errors),
                   static_cast<unsigned long long>(c.r.completed));
      ++failed;
    }
  return failed == 0 ? 0 : 1;
}

}  // namespace linli::bench
