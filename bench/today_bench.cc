#include "bench/today_bench.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "bench/bench_server.h"
#include "bench/load_generator.h"
#include "demo/demo.h"

namespace linli::bench {

namespace {

constexpr TimeMs kDay = 24 * 3600 * 1000;

// M open requests spread evenly over the street's grids, each assigned to its
// grid's worker where the grid has one (the demo has one grid worker account,
// so its grid's share: M / grids), else waiting to be assigned; one transaction.
Status seedOpen(app::App& a, int64_t open) {
  const TimeMs now = a.clock->now();
  return a.db->write([&](storage::Tx& tx) -> Status {
    LINLI_ASSIGN_OR_RETURN(
        auto grids,
        tx.query("SELECT g.id, c.street_id, g.community_id, (SELECT MIN(u.id) FROM users u WHERE "
                 "u.role = 'grid_worker' AND u.grid_id = g.id) FROM grids g JOIN communities c ON "
                 "c.id = g.community_id",
                 {}));
    if (grids.empty()) return internalError("no grids");
    for (int64_t i = 0; i < open; ++i) {
      const auto& g = grids[static_cast<size_t>(i) % grids.size()];
      const bool overdue = i % 10 == 0, escalated = i % 50 == 0, received = i % 3 != 0;
      const TimeMs due = overdue ? now - (1 + i % 5) * kDay : now + (1 + i % 20) * kDay;
      LINLI_TRY(tx.exec("INSERT INTO requests (number, street_id, community_id, grid_id, address, "
                        "category_code, priority, status, description, channel, contact_method, "
                        "unit, assignee_id, response_due, resolve_due, escalation_level, "
                        "received_at, created_at, updated_at) VALUES (?, ?, ?, ?, '', 'SQ-ZS', "
                        "'normal', ?, '楼上噪音', 'hotline', 'phone', 'grid', ?, ?, ?, ?, ?, ?, "
                        "?)",
                        {"TODAY-" + std::to_string(i), g.i64(1), g.i64(2), g.i64(0),
                         std::string(g.isNull(3) ? "submitted" : "assigned"),
                         g.isNull(3) ? storage::Value(nullptr) : storage::Value(g.i64(3)), due, due,
                         int64_t{escalated ? 1 : 0},
                         received ? storage::Value(now - kDay) : storage::Value(nullptr),
                         now - 2 * kDay, now - 2 * kDay})
                    .status());
    }
    return Status::Ok();
  });
}

}  // namespace

int runTodayBench(const TodayBenchOptions& o) {
  spdlog::set_level(spdlog::level::warn);
  const std::string dir =
      (std::filesystem::temp_directory_path() / ("linli-bench-today-" + std::to_string(::getpid())))
          .string();
  auto fail = [&](const Status& st) {
    std::cerr << "bench today: " << st.toString() << "\n";
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return 1;
  };
  auto opened = app::openApp({.data_dir = dir});
  if (!opened.ok()) return fail(opened.status());
  app::App& a = **opened;
  auto t0 = std::chrono::steady_clock::now();
  auto demo = demo::loadDemo(*a.db, *a.registry, *a.auth, *a.clock, o.residents);
  if (!demo.ok()) return fail(demo.status());
  if (Status st = seedOpen(a, o.open); !st.ok()) return fail(st);
  const double setup_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  BenchServer server(a, 0);
  if (Status st = server.start(); !st.ok()) return fail(st);
  struct Case {
    std::string role;
    LoadResult r;
  };
  std::vector<Case> cases;
  for (const char* role :
       {"grid_worker", "community_admin", "street_admin", "department", "resident"}) {
    auto login =
        a.auth->login(Caller{std::nullopt, "127.0.0.1", "bench"}, role, demo::kDemoPassword);
    if (!login.ok()) return fail(login.status());
    const std::string get = "GET /api/v1/today HTTP/1.1\r\nHost: bench\r\nCookie: linli_session=" +
                            login->session_token + "\r\n\r\n";
    (void)runLoad(server.port(), get, 1, 0.2);  // warm-up
    cases.push_back({role, runLoad(server.port(), get, o.connections, o.seconds)});
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);

  if (o.json) {
    nlohmann::json out = {
        {"residents", o.residents}, {"open_requests", o.open}, {"setup_s", setup_s}};
    for (const Case& c : cases) {
      out[c.role + "_p50_ms"] = c.r.p50_ms;
      out[c.role + "_p95_ms"] = c.r.p95_ms;
      out[c.role + "_p99_ms"] = c.r.p99_ms;
      out[c.role + "_per_s"] = c.r.requests_per_s;
    }
    std::cout << out.dump() << "\n";
  } else {
    std::printf(
        "GET /api/v1/today, %lld residents, %lld open requests (set up in %.1f s), %d "
        "connections\n",
        static_cast<long long>(o.residents), static_cast<long long>(o.open), setup_s,
        o.connections);
    std::printf("%-16s %10s %9s %9s %9s\n", "role", "answers/s", "p50 ms", "p95 ms", "p99 ms");
    for (const Case& c : cases)
      std::printf("%-16s %10.0f %9.2f %9.2f %9.2f\n", c.role.c_str(), c.r.requests_per_s,
                  c.r.p50_ms, c.r.p95_ms, c.r.p99_ms);
  }
  int failed = 0;
  for (const Case& c : cases)
    if (c.r.errors > 0 || c.r.completed == 0) {
      std::fprintf(stderr, "bench today: %s: %llu errors, %llu answered 2xx\n", c.role.c_str(),
                   static_cast<unsigned long long>(c.r.errors),
                   static_cast<unsigned long long>(c.r.completed));
      ++failed;
    }
  return failed == 0 ? 0 : 1;
}

}  // namespace linli::bench
