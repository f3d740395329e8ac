// The Caller a demo account becomes after signing in with the demo password,
// for unit tests that drive services as a real user would.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "app/app.h"
#include "demo/demo.h"

namespace linli::testing {

inline Caller demoCaller(app::App& app, const std::string& username) {
  auto out = app.auth->login(Caller{std::nullopt, "10.0.0.1", "t"}, username, demo::kDemoPassword);
  EXPECT_TRUE(out.ok()) << out.status().toString();
  http::Request req;
  req.headers.emplace_back("cookie", "linli_session=" + out->session_token);
  auto who = app.auth->authenticate(req);
  EXPECT_TRUE(who.ok() && *who);
  return Caller{**who, "10.0.0.1", "t"};
}

}  // namespace linli::testing
