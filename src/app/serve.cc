#include "app/serve.h"

#include <signal.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

#include "app/backup_command.h"
#include "app/test_clock.h"
#include "common/shifted_clock.h"
#include "demo/demo.h"
#include "http/error_response.h"
#include "http/openapi.h"
#include "http/operator_access.h"
#include "http/pipeline.h"
#include "http/router.h"
#include "http/static_files.h"
#include "metrics/metrics.h"
#include "notify/dispatcher.h"
#include "notify/fake_gateways.h"

namespace linli::app {

namespace {

constexpr const char* kVersion = "0.1.0";

void printDemoAccounts(const std::vector<demo::DemoAccount>& accounts, const std::string& url) {
  std::cout << "\nDemo accounts (password " << demo::kDemoPassword << "):\n";
  for (const auto& a : accounts)
    std::cout << "  " << a.username
              << std::string(18 - std::min<size_t>(17, a.username.size()), ' ') << a.role << " · "
              << a.scope_name << "\n";
  std::cout << "Open " << url << " and log in with one of them.\n" << std::flush;
}

}  // namespace

void registerAllRoutes(http::Router& router, App& app, const std::string& version,
                       const std::string& metrics_token) {
  router.add({.method = "GET",
              .pattern = "/healthz",
              .summary = "Liveness and database check",
              .tag = "operations",
              .requires_auth = false},
             [&app](http::Request&) {
               if (!storage::ping(*app.db).ok())
                 return http::Response::json(503, {{"status", "unavailable"}});
               return http::Response::json(200, {{"status", "ok"}});
             });
  router.add({.method = "GET",
              .pattern = "/metrics",
              .summary = "Prometheus metrics (loopback clients, or with the metrics token)",
              .tag = "operations",
              .requires_auth = false},
             [metrics_token](http::Request& req) {
               if (Status allowed = http::operatorAccess(req, metrics_token); !allowed.ok()) {
                 http::Response refused = http::errorResponse(allowed, req.request_id);
                 if (allowed.code() == Code::kUnauthenticated)
                   refused.header("WWW-Authenticate", "Bearer");
                 return refused;
               }
               http::Response r;
               r.content_type = "text/plain; version=0.0.4; charset=utf-8";
               r.body = metrics::Registry::global().render();
               return r;
             });
  for (auto& m : app.modules) m->addRoutes(router);
  // Last, so the document lists every route including itself.
  router.add({.method = "GET",
              .pattern = "/api/openapi.json",
              .summary = "This OpenAPI document (to logged-in users and API tokens)",
              .tag = "operations"},
             [&router, version](http::Request&) {
               return http::Response::json(200, http::openApiDocument(router, version));
             });
}

void useRouteTraits(http::ServerOptions& options, const http::Router& router) {
  options.route_traits = [&router](std::string_view method, std::string_view target) {
    auto match = router.match(method, target.substr(0, target.find('?')));
    if (!match.route) return http::ServerOptions::RouteTraits{};
    return http::ServerOptions::RouteTraits{match.route->info.max_body_bytes,
                                            match.route->info.answers_later};
  };
}

int runServe(ServeOptions options) {
  spdlog::set_level(spdlog::level::from_str(options.log_level));
  // Signals go to one waiting thread, not to whichever thread they hit.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  std::unique_ptr<ShiftedClock> shifted;
  if (!options.clock_start.empty() || options.test_clock) {
    auto start = options.clock_start.empty() ? std::optional<TimeMs>(SystemClock().now())
                                             : parseIso8601(options.clock_start);
    if (!start) {
      std::cerr << "linli: --clock-start: not an ISO 8601 time: " << options.clock_start << "\n";
      return 1;
    }
    shifted = std::make_unique<ShiftedClock>(*start);
  }
  ShiftedClock* test_clock = options.test_clock ? shifted.get() : nullptr;
  auto opened = openApp(options.app, std::move(shifted));
  if (!opened.ok()) {
    std::cerr << "linli: " << opened.status().toString() << "\n";
    return 1;
  }
  App& app = **opened;
  // Held until the process ends: `linli restore` refuses while it is.
  auto data_dir_lock = holdDataDirLock(options.app.data_dir);
  if (!data_dir_lock.ok()) {
    std::cerr << "linli: " << data_dir_lock.status().toString() << "\n";
    return 1;
  }

  if (options.demo)
    for (auto& m : app.modules)
      if (Status seeded = m->seedDemo({options.demo_residents, options.demo_requests});
          !seeded.ok()) {
        std::cerr << "linli: demo data: " << seeded.toString() << "\n";
        return 1;
      }
  for (auto& m : app.modules) m->describeMetrics(metrics::Registry::global());
  for (auto& m : app.modules)
    if (Status started = m->start(); !started.ok()) {
      std::cerr << "linli: " << started.toString() << "\n";
      return 1;
    }

  http::Router router;
  registerAllRoutes(router, app, kVersion, options.metrics_token);
  if (test_clock) {
    registerTestClockRoutes(router, *test_clock);
    spdlog::warn("--test-clock: anyone who can reach this server can move its time forward");
  }
  http::StaticFiles files(options.web_dir);
  if (!files.available())
    spdlog::warn("web build not found at {}; only the API is served", options.web_dir);
  http::Pipeline pipeline(router, files, app.auth);
  auto proxies = http::TrustedProxies::parse(options.trusted_proxies);
  if (!proxies.ok()) {
    std::cerr << "linli: " << proxies.status().toString() << "\n";
    return 2;
  }
  pipeline.trustProxies(std::move(*proxies));

  useRouteTraits(options.server, router);
  http::Server server(options.server, [&pipeline](http::Request& r) { return pipeline.handle(r); });
  Status listening = server.listen();
  if (!listening.ok()) {
    std::cerr << "linli: " << listening.toString() << "\n";
    return 1;
  }
  const std::string bound = "http://" + options.server.host + ":" + std::to_string(server.port());
  const std::string& open_at = options.public_url.empty() ? bound : options.public_url;
  app.scheduler->start();

  // SMS and email: the configured services, or local fakes for the demo.
  notify::FakeSmsGateway fake_sms;
  notify::FakeSmtpSink fake_mail;
  NotifyOptions& n = options.notify;
  if (options.demo && n.sms_url.empty() && fake_sms.start().ok()) {
    fake_sms.recordTo(options.app.data_dir + "/fake-sms.jsonl");
    n.sms_url = fake_sms.url();
    std::cout << "SMS go to a local fake gateway at " << n.sms_url << " (recorded in "
              << options.app.data_dir << "/fake-sms.jsonl)\n";
  }
  if (options.demo && n.smtp_url.empty() && fake_mail.start().ok()) {
    fake_mail.recordTo(options.app.data_dir + "/fake-mail.jsonl");
    n.smtp_url = fake_mail.url();
    std::cout << "Email goes to a local fake SMTP server at " << n.smtp_url << " (recorded in "
              << options.app.data_dir << "/fake-mail.jsonl)\n";
  }
  std::map<std::string, std::unique_ptr<notify::Channel>> channels;
  if (!n.sms_url.empty())
    channels["sms"] = notify::makeSmsGateway({.url = n.sms_url, .token = n.sms_token});
  if (!n.smtp_url.empty())
    channels["email"] = notify::makeSmtpMailer({.url = n.smtp_url,
                                                .from = n.smtp_from,
                                                .username = n.smtp_username,
                                                .password = n.smtp_password});
  notify::Dispatcher dispatcher(*app.db, *app.clock, *app.keys, std::move(channels));
  dispatcher.start();

  std::atomic<bool> signalled{false};
  std::thread waiter([&server, &signals, &signalled] {
    int sig = 0;
    sigwait(&signals, &sig);
    signalled = true;
    spdlog::info("signal {}: finishing in-flight requests", sig);
    server.shutdown();
  });
  std::cout << "linli listening on " << bound << std::endl;
  const auto& seeded = app.door<demo::DemoStreet>().loaded();
  if (seeded && seeded->residents > 0)
    std::cout << "Demo street: " << seeded->residents << " residents.\n";
  if (seeded && !seeded->accounts.empty())
    printDemoAccounts(seeded->accounts, open_at);
  else if (options.demo)
    std::cout << "Demo accounts: see README (password " << demo::kDemoPassword << ")\n"
              << std::flush;

  server.run();
  dispatcher.stop();
  app.scheduler->stop();
  // The waiter is blocked in sigwait if we stopped for another reason.
  if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  spdlog::info("stopped");
  return 0;
}

}  // namespace linli::app
