#include "bench/notify_bench.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "bench/bench_dir.h"
#include "demo/demo.h"
#include "http/request.h"
#include "notify/dispatcher.h"
#include "notify/fake_gateways.h"
#include "reminders/reminders.h"

namespace linli::bench {

namespace {
using Clock = std::chrono::steady_clock;
double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

Result<Caller> signIn(app::App& a, const std::string& username) {
  LINLI_ASSIGN_OR_RETURN(auto out, a.auth->login(Caller{std::nullopt, "127.0.0.1", "bench"},
                                                 username, demo::kDemoPassword));
  http::Request req;
  req.headers.emplace_back("cookie", "linli_session=" + out.session_token);
  LINLI_ASSIGN_OR_RETURN(auto who, a.auth->authenticate(req));
  if (!who) return internalError("bench: cannot sign in " + username);
  return Caller{*who, "127.0.0.1", "bench"};
}
}  // namespace

int runNotifyBench(const NotifyBenchOptions& o) {
  spdlog::set_level(spdlog::level::warn);
  BenchDir dir("notify");
  auto fail = benchFailed;
  auto opened = app::openApp({.data_dir = dir.path()});
  if (!opened.ok()) return fail(opened.status());
  app::App& a = **opened;
  if (auto d = demo::loadDemo(*a.db, *a.registry, *a.auth, *a.clock, o.residents); !d.ok())
    return fail(d.status());
  if (Status st = a.reports->start(); !st.ok()) return fail(st);
  auto admin = signIn(a, "street_admin");
  if (!admin.ok()) return fail(admin.status());

  // 1. Queue a notice to the first community (an eighth of the street: over 100,000 at 1M).
  auto tree = a.registry->placesTree(*admin);
  if (!tree.ok()) return fail(tree.status());
  const auto& first_community = (*tree)["streets"][0]["communities"][0];
  notices::Audience audience{.community_id = std::stoll(first_community["id"].get<std::string>())};
  auto t0 = Clock::now();
  auto notice = a.notices->sendNotice(*admin, "停水通知",
                                      "明天9:00-12:00管道检修停水，请提前储水。", audience, true);
  const double enqueue_s = seconds(Clock::now() - t0);
  if (!notice.ok()) return fail(notice.status());
  const double per_100k = enqueue_s * 100000.0 / std::max<int64_t>(1, notice->recipients);

  // 2. Deliver its SMS to the local fake gateway for a while.
  notify::FakeSmsGateway gateway;
  if (Status st = gateway.start(); !st.ok()) return fail(st);
  std::map<std::string, std::unique_ptr<notify::Channel>> channels;
  channels["sms"] = notify::makeSmsGateway({.url = gateway.url()});
  notify::Dispatcher dispatcher(*a.db, *a.clock, *a.keys, std::move(channels),
                                {.batch = 1000, .senders = 16});
  int64_t sent = 0;
  t0 = Clock::now();
  while (seconds(Clock::now() - t0) < o.seconds && sent < notice->progress.queued) {
    auto r = dispatcher.runOnce();
    if (!r.ok()) return fail(r.status());
    sent += r->sent;
  }
  const double deliver_s = seconds(Clock::now() - t0);
  const size_t delivered = gateway.delivered().size();
  gateway.stop();

  // 3. The daily reminder scan over N assets spread over the coming year.
  Status filled = a.db->write([&](storage::Tx& tx) {
    return tx
        .exec(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?), "
            "bl AS (SELECT id, street_id, community_id, grid_id, ROW_NUMBER() OVER (ORDER BY "
            "id) - 1 AS k FROM buildings), c AS (SELECT COUNT(*) AS total FROM buildings) "
            "INSERT INTO assets (building_id, street_id, community_id, grid_id, kind, name, "
            "next_inspection, created_at, updated_at) SELECT bl.id, bl.street_id, "
            "bl.community_id, bl.grid_id, 'elevator', '电梯' || n.i, date(?, '+' || (n.i * "
            "7919 % 365) || ' days'), 0, 0 FROM n, c JOIN bl ON bl.k = n.i % c.total",
            {o.assets, formatDate(dateAt(a.clock->now()))})
        .status();
  });
  if (!filled.ok()) return fail(filled);
  auto scan = [&]() -> Result<std::pair<double, reminders::ScanReport>> {
    reminders::ScanReport report;
    auto s0 = Clock::now();
    LINLI_TRY(a.db->write([&](storage::Tx& tx) -> Status {
      LINLI_ASSIGN_OR_RETURN(report, a.reminders->scanAssets(tx));
      return Status::Ok();
    }));
    return std::make_pair(seconds(Clock::now() - s0) * 1000, report);
  };
  auto first = scan();
  if (!first.ok()) return fail(first.status());
  // The residents' side of the daily scan: a birthday rule (turning 80, 90, 100 today).
  auto rule = a.reminders->addRule(*admin, {.name = "长寿祝寿",
                                            .condition = "birthday",
                                            .ages = {80, 90, 100},
                                            .schedule = "daily",
                                            .subject = "今日寿星",
                                            .body = "请上门祝寿并核对长寿补贴",
                                            .recipients = "author"});
  if (!rule.ok()) return fail(rule.status());
  auto r0 = Clock::now();
  auto rules_ran = a.reminders->runRules();
  const double rules_ms = seconds(Clock::now() - r0) * 1000;
  if (!rules_ran.ok()) return fail(rules_ran.status());
  auto birthdays = a.reminders->preview(*admin, rule->id);
  if (!birthdays.ok()) return fail(birthdays.status());
  auto again = scan();  // the same day: nothing new
  if (!again.ok()) return fail(again.status());

  const double per_s = static_cast<double>(sent) / std::max(1e-9, deliver_s);
  if (o.json) {
    std::cout << nlohmann::json{{"residents", notice->recipients},
                                {"sms_queued", notice->progress.queued},
                                {"in_app", notice->progress.sent},
                                {"enqueue_s", enqueue_s},
                                {"enqueue_100k_s", per_100k},
                                {"delivered", sent},
                                {"deliver_per_s", std::round(per_s)},
                                {"assets", o.assets},
                                {"reminder_scan_ms", first->first + rules_ms},
                                {"asset_scan_ms", first->first},
                                {"birthday_rule_ms", rules_ms},
                                {"birthdays_today", *birthdays},
                                {"reminders_written",
                                 first->second.due_soon + first->second.overdue},
                                {"people_told", first->second.told},
                                {"reminder_rescan_ms", again->first}}
                     .dump()
              << "\n";
  } else {
    std::printf("notice to %lld residents: %lld SMS queued in %.3f s (%.3f s per 100,000)\n",
                static_cast<long long>(notice->recipients),
                static_cast<long long>(notice->progress.queued), enqueue_s, per_100k);
    std::printf("delivery to the local fake gateway: %lld sent in %.2f s = %.0f /s (%zu arrived)\n",
                static_cast<long long>(sent), deliver_s, per_s, delivered);
    std::printf(
        "reminder scan over %lld assets: %.1f ms (%lld reminders, %lld people told); "
        "again the same day: %.1f ms\n",
        static_cast<long long>(o.assets), first->first,
        static_cast<long long>(first->second.due_soon + first->second.overdue),
        static_cast<long long>(first->second.told), again->first);
    std::printf(
        "birthday rule (turning 80, 90, 100 today) over %lld residents: %.1f ms, %lld "
        "found\n",
        static_cast<long long>(o.residents), rules_ms, static_cast<long long>(*birthdays));
  }
  return delivered == static_cast<size_t>(sent) ? 0 : 1;
}

}  // namespace linli::bench
