// DemoApp: the set-up every service test shares. A fresh data directory, the
// whole App (every room, as `linli serve` builds it) under a simulated clock,
// the demo street with `residents` people, and the Caller each demo account
// becomes once signed in. Failures are gtest assertion failures.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "app/app.h"
#include "demo/demo.h"
#include "testing/temp_dir.h"

namespace linli::testing {

// The Caller a demo account becomes after signing in with the demo password.
inline Caller demoCaller(app::App& app, const std::string& username) {
  auto out = app.auth->login(Caller{std::nullopt, "10.0.0.1", "t"}, username, demo::kDemoPassword);
  EXPECT_TRUE(out.ok()) << out.status().toString();
  http::Request req;
  req.headers.emplace_back("cookie", "linli_session=" + out->session_token);
  auto who = app.auth->authenticate(req);
  EXPECT_TRUE(who.ok() && *who);
  return Caller{**who, "10.0.0.1", "t"};
}

struct DemoOptions {
  std::string now = "2026-11-23T09:00+08:00";  // a Monday morning
  int64_t residents = 0;
  bool start = false;  // build the report index and the classifier, as serve does
  std::function<void(app::AppOptions&)> tune;
};

class DemoApp {
 public:
  // Call with ASSERT_NO_FATAL_FAILURE(demo.open({...})).
  void open(const DemoOptions& options = {}) {
    auto clock = std::make_unique<SimulatedClock>(*parseIso8601(options.now));
    clock_ = clock.get();
    app::AppOptions app_options{.data_dir = dir_.path()};
    if (options.tune) options.tune(app_options);
    auto opened = app::openApp(app_options, std::move(clock));
    ASSERT_TRUE(opened.ok()) << opened.status().toString();
    app_ = std::move(*opened);
    auto loaded =
        demo::loadDemo(*app_->db, *app_->registry, *app_->auth, *app_->clock, options.residents);
    ASSERT_TRUE(loaded.ok()) << loaded.status().toString();
    if (options.start) {
      for (auto& m : app_->modules) ASSERT_TRUE(m->start().ok());
    }
  }
  app::App& app() { return *app_; }
  app::App* operator->() { return app_.get(); }
  SimulatedClock& clock() { return *clock_; }
  Caller as(const std::string& username) { return demoCaller(*app_, username); }
  const std::string& dataDir() const { return dir_.path(); }

 private:
  TempDir dir_;
  SimulatedClock* clock_ = nullptr;
  std::unique_ptr<app::App> app_;
};

}  // namespace linli::testing
