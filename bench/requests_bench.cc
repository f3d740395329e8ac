#include "bench/requests_bench.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "app/app.h"
#include "bench/bench_dir.h"
#include "bench/bench_server.h"
#include "bench/classifier_heldout.h"
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

struct Accuracy {
  double top1 = 0, top3 = 0;
  size_t texts = 0;
};

// The classifier trained on 8,000 demo texts, measured twice: on the other
// demo texts that are not word for word in training (the same templates, so
// an upper bound), and on the hand-written held-out set (bench/classifier_heldout.h).
std::pair<Accuracy, Accuracy> classifierAccuracy() {
  auto texts = demo::requestTexts(10000, 7);
  requests::TextClassifier c;
  const size_t train = texts.size() * 8 / 10;
  std::unordered_set<std::string> trained;
  for (size_t i = 0; i < train; ++i) {
    c.learn(texts[i].text, texts[i].category);
    trained.insert(texts[i].text);
  }
  auto measure = [&c](const auto& cases) {
    Accuracy a;
    for (const auto& [category, text] : cases) {
      auto g = c.guess(text, 3);
      if (!g.empty() && g[0].label == category) ++a.top1;
      for (const auto& x : g)
        if (x.label == category) ++a.top3;
      ++a.texts;
    }
    a.top1 /= std::max<size_t>(1, a.texts);
    a.top3 /= std::max<size_t>(1, a.texts);
    return a;
  };
  std::vector<std::pair<std::string, std::string>> templated, written;
  for (size_t i = train; i < texts.size(); ++i)
    if (!trained.count(texts[i].text)) templated.emplace_back(texts[i].category, texts[i].text);
  for (const auto& h : classifierHeldOut()) written.emplace_back(h.category, h.text);
  return {measure(templated), measure(written)};
}

// N open requests of the grid worker, each with its escalation job pending
// over the next 30 days; `due_now` of them are due. Returns the time of one
// scheduler tick that escalates those (the level, the event, the audit entry
// and the handler's notification: the whole path), and of a tick with nothing
// due. Fails unless exactly the due ones reached level 1 and their handler was
// told once each.
Result<std::pair<double, double>> escalationTick(app::App& a, int64_t open, int due_now) {
  const TimeMs now = a.clock->now();
  constexpr TimeMs kDay = 24 * 3600 * 1000;
  int64_t worker = 0;
  LINLI_TRY(a.db->write([&](storage::Tx& tx) -> Status {
    LINLI_ASSIGN_OR_RETURN(auto who,
                           tx.query("SELECT id FROM users WHERE username = 'grid_worker'", {}));
    if (who.empty()) return internalError("no demo grid worker");
    worker = who.front().i64(0);
    for (int64_t i = 0; i < open; ++i) {
      const TimeMs due = i < due_now ? now - 1000 : now + 1000 + (i * 2591) % (30 * kDay);
      LINLI_ASSIGN_OR_RETURN(
          auto rows,
          tx.query("INSERT INTO requests (number, street_id, community_id, grid_id, address, "
                   "category_code, priority, status, description, channel, contact_method, unit, "
                   "assignee_id, response_due, resolve_due, next_escalation_at, created_at, "
                   "updated_at) VALUES (?, 1, 1, 1, '', 'SQ-ZS', 'normal', 'assigned', '楼上噪音', "
                   "'hotline', 'phone', 'grid', ?, ?, ?, ?, ?, ?) RETURNING id",
                   {"BENCH-" + std::to_string(i), worker, due, due, due, now - kDay, now - kDay}));
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
  const double idle = ms(Clock::now() - t0);
  int64_t escalated = -1, blue = -1, told = -1;
  LINLI_TRY(a.db->read([&](storage::Tx& tx) -> Status {
    LINLI_ASSIGN_OR_RETURN(
        auto levels,
        tx.query("SELECT COUNT(*), COALESCE(SUM(escalation_level = 1 AND CAST(substr(number, 7) "
                 "AS INTEGER) < ?), 0) FROM requests WHERE number LIKE 'BENCH-%' AND "
                 "escalation_level > 0",
                 {int64_t{due_now}}));
    escalated = levels.front().i64(0);
    blue = levels.front().i64(1);
    LINLI_ASSIGN_OR_RETURN(auto sent, tx.query("SELECT COUNT(*) FROM messages WHERE user_id = ? "
                                               "AND channel = 'in_app' AND subject LIKE '%BENCH-%'",
                                               {worker}));
    told = sent.front().i64(0);
    return Status::Ok();
  }));
  if (escalated != due_now || blue != due_now || told != due_now)
    return internalError("escalation tick: " + std::to_string(escalated) + " escalated (" +
                         std::to_string(blue) + " of the " + std::to_string(due_now) +
                         " due at level 1), " + std::to_string(told) + " notifications");
  return std::make_pair(busy, idle);
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
  auto [templated, held_out] = classifierAccuracy();

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
                                {"classifier_template_top1", templated.top1},
                                {"classifier_template_texts", templated.texts},
                                {"classifier_heldout_top1", held_out.top1},
                                {"classifier_heldout_top3", held_out.top3},
                                {"classifier_heldout_texts", held_out.texts}}
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
    std::printf(
        "classifier, trained on demo texts: top-1 %.1f%% on %zu other demo texts (same "
        "templates: an upper bound); top-1 %.1f%%, top-3 %.1f%% on %zu hand-written texts\n",
        templated.top1 * 100, templated.texts, held_out.top1 * 100, held_out.top3 * 100,
        held_out.texts);
  }
  return create.errors == 0 ? 0 : 1;
}

}  // namespace linli::bench
