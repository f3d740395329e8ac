#include "bench/requests_bench.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "bench/bench_dir.h"
#include "bench/bench_server.h"
#include "bench/load_generator.h"
#include "demo/demo.h"
#include "demo/request_texts.h"
#include "requests/classifier.h"

namespace linli::bench {

namespace {
using Clock = std::chrono::steady_clock;
double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// User and system CPU time of this process so far. Throughput on two shared
// cores swings by a fifth from run to run; the CPU a request costs does not.
double processCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return secs(u.ru_utime) + secs(u.ru_stime);
}

// Top-1 and top-3 accuracy of the classifier trained on 80% of the demo texts.
std::pair<double, double> classifierAccuracy() {
  auto texts = demo::requestTexts(10000, 7);
  requests::TextClassifier c;
  const size_t train = texts.size() * 8 / 10;
  for (size_t i = 0; i < train; ++i) c.learn(texts[i].text, texts[i].category);
  size_t top1 = 0, top3 = 0;
  for (size_t i = train; i < texts.size(); ++i) {
    auto g = c.guess(texts[i].text, 3);
    if (!g.empty() && g[0].label == texts[i].category) ++top1;
    for (const auto& x : g)
      if (x.label == texts[i].category) ++top3;
  }
  const double n = static_cast<double>(texts.size() - train);
  return {top1 / n, top3 / n};
}

// N open requests, each with its escalation job pending over the next 30 days;
// `due_now` of them are due. Returns the time of one scheduler tick that
// escalates those, and of a tick with nothing due.
Result<std::pair<double, double>> escalationTick(app::App& a, int64_t open, int due_now) {
  const TimeMs now = a.clock->now();
  constexpr TimeMs kDay = 24 * 3600 * 1000;
  LINLI_TRY(a.db->write([&](storage::Tx& tx) -> Status {
    for (int64_t i = 0; i < open; ++i) {
      const TimeMs due = i < due_now ? now - 1000 : now + 1000 + (i * 2591) % (30 * kDay);
      LINLI_ASSIGN_OR_RETURN(
          auto rows,
          tx.query(
              "INSERT INTO requests (number, street_id, community_id, grid_id, address, "
              "category_code, priority, status, description, channel, contact_method, unit, "
              "response_due, resolve_due, next_escalation_at, created_at, updated_at) VALUES "
              "(?, 1, 1, 1, '', 'SQ-ZS', 'normal', 'assigned', '楼上噪音', 'hotline', 'phone', "
              "'grid', ?, ?, ?, ?, ?) RETURNING id",
              {"BENCH-" + std::to_string(i), due, due, due, now - kDay, now - kDay}));
      LINLI_TRY(
          a.scheduler->schedule(tx, "requests.escalate", std::to_string(rows.front().i64(0)), due)
              .status());
    }
    return Status::Ok();
  }));
  auto t0 = Clock::now();
  LINLI_ASSIGN_OR_RETURN(int ran, a.scheduler->runDue());
  const double busy = ms(Clock::now() - t0);
  if (ran < due_now) return internalError("escalation tick ran " + std::to_string(ran) + " jobs");
  t0 = Clock::now();
  LINLI_TRY(a.scheduler->runDue().status());
  return std::make_pair(busy, ms(Clock::now() - t0));
}

}  // namespace

int runRequestsBench(const RequestsBenchOptions& o) {
  spdlog::set_level(spdlog::level::warn);
  BenchDir dir("requests");
  auto fail = benchFailed;
  auto opened = app::openApp({.data_dir = dir.path()});
  if (!opened.ok()) return fail(opened.status());
  app::App& a = **opened;
  if (auto d = demo::loadDemo(*a.db, *a.registry, *a.auth, *a.clock, 0); !d.ok())
    return fail(d.status());
  auto token = a.auth->addApiToken("grid_worker", "bench");
  if (!token.ok()) return fail(token.status());

  // 1. Creation over HTTP against /healthz.
  LoadResult create, healthz;
  double create_cpu_us = 0;  // CPU of the whole process, load generator included
  {
    BenchServer server(a, o.server_threads);
    if (Status st = server.start(); !st.ok()) return fail(st);
    const std::string body = nlohmann::json{{"category", "SQ-ZS"},
                                            {"description", "楼上每晚十一点后还在装修，电钻声很大"}}
                                 .dump();
    const std::string post =
        "POST /api/v1/requests HTTP/1.1\r\nHost: bench\r\nAuthorization: "
        "Bearer " +
        *token +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\n\r\n" + body;
    const std::string get = "GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n";
    (void)runLoad(server.port(), get, 16, 0.3);  // warm-up
    healthz = runLoad(server.port(), get, 64, o.seconds);
    const double cpu_before = processCpuSeconds();
    create = runLoad(server.port(), post, 64, o.seconds);
    create_cpu_us = (processCpuSeconds() - cpu_before) * 1e6 /
                    static_cast<double>(std::max<uint64_t>(1, create.completed));
  }
  // 2. The escalation tick with N open requests.
  auto tick = escalationTick(a, o.open, 10);
  if (!tick.ok()) return fail(tick.status());
  // 3. The classifier.
  auto [top1, top3] = classifierAccuracy();

  if (o.json) {
    std::cout << nlohmann::json{{"create_per_s", std::round(create.requests_per_s)},
                                {"create_p50_ms", create.p50_ms},
                                {"create_p99_ms", create.p99_ms},
                                {"create_errors", create.errors},
                                {"create_cpu_us", std::round(create_cpu_us)},
                                {"healthz_per_s", std::round(healthz.requests_per_s)},
                                {"create_to_healthz_ratio",
                                 create.requests_per_s / std::max(1.0, healthz.requests_per_s)},
                                {"open_requests", o.open},
                                {"escalation_tick_ms", tick->first},
                                {"idle_tick_ms", tick->second},
                                {"classifier_accuracy", top1},
                                {"classifier_top3_accuracy", top3}}
                     .dump()
              << "\n";
  } else {
    std::printf(
        "create (64 clients, durable)  %10.0f /s   p50 %.2f ms   p99 %.2f ms   errors %llu\n"
        "  CPU per request created (both cores, load generator included): %.0f µs\n",
        create.requests_per_s, create.p50_ms, create.p99_ms,
        static_cast<unsigned long long>(create.errors), create_cpu_us);
    std::printf("GET /healthz (64 clients)     %10.0f /s   ratio create/healthz %.2f\n",
                healthz.requests_per_s,
                create.requests_per_s / std::max(1.0, healthz.requests_per_s));
    std::printf("escalation tick, %lld open, 10 due: %.2f ms (nothing due: %.2f ms)\n",
                static_cast<long long>(o.open), tick->first, tick->second);
    std::printf("classifier on held-out demo texts: top-1 %.1f%%, top-3 %.1f%%\n", top1 * 100,
                top3 * 100);
  }
  return create.errors == 0 ? 0 : 1;
}

}  // namespace linli::bench
