#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "access/access.h"
#include "app/app.h"
#include "auth/auth.h"
#include "demo/demo.h"
#include "testing/demo_app.h"

namespace linli::auth {
namespace {

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(
        app_.open({.now = "2026-11-22T18:57:42+08:00", .tune = [](app::AppOptions& o) {
                     o.auth.account_failures = 3;
                     o.auth.address_failures = 5;
                     o.auth.window_s = 60;
                   }}));
    clock_ = &app_.clock();
  }

  Caller as(const std::string& username) { return app_.as(username); }

  Result<LoginOutcome> login(const std::string& user, const std::string& password,
                             const std::string& ip = "10.0.0.2") {
    return app_->auth->login(Caller{std::nullopt, ip, "t"}, user, password);
  }

  testing::DemoApp app_;
  SimulatedClock* clock_ = nullptr;
};

TEST_F(AuthServiceTest, RefusesAFailingAddressForTheAccountUntilTheWindowPasses) {
  for (int i = 0; i < 5; ++i) {
    if (i > 0) clock_->advance(5 * 1000);  // past the account's growing wait
    EXPECT_EQ(login("grid_worker", "wrong-password", "10.9.9.9").status().code(),
              Code::kUnauthenticated);
  }
  clock_->advance(20 * 1000);
  auto refused = login("grid_worker", demo::kDemoPassword, "10.9.9.9");
  ASSERT_EQ(refused.status().code(), Code::kResourceExhausted);
  EXPECT_EQ(refused.status().retryAfterSeconds(), 40);
  // The owner, from an address that has not been failing, is never refused.
  EXPECT_TRUE(login("grid_worker", demo::kDemoPassword, "10.0.0.2").ok());
  // Nor is the failing address on another account.
  EXPECT_TRUE(login("resident", demo::kDemoPassword, "10.9.9.9").ok());
  clock_->advance(40 * 1000);
  EXPECT_TRUE(login("grid_worker", demo::kDemoPassword, "10.9.9.9").ok());
}

TEST_F(AuthServiceTest, AnAccountUnderAttackMakesFailingAddressesWaitLongerEachTime) {
  // Three addresses fail once each: the account reaches its 3 free failures.
  for (const char* ip : {"10.1.0.1", "10.1.0.2", "10.1.0.3"})
    EXPECT_EQ(login("grid_worker", "wrong-password", ip).status().code(), Code::kUnauthenticated);
  auto wait1 = login("grid_worker", "wrong-password", "10.1.0.1");
  ASSERT_EQ(wait1.status().code(), Code::kResourceExhausted);
  EXPECT_EQ(wait1.status().retryAfterSeconds(), 1);
  clock_->advance(1000);
  EXPECT_EQ(login("grid_worker", "wrong-password", "10.1.0.1").status().code(),
            Code::kUnauthenticated);
  EXPECT_EQ(login("grid_worker", "wrong-password", "10.1.0.2").status().retryAfterSeconds(), 2);
  clock_->advance(2000);
  EXPECT_EQ(login("grid_worker", "wrong-password", "10.1.0.2").status().code(),
            Code::kUnauthenticated);
  EXPECT_EQ(login("grid_worker", demo::kDemoPassword, "10.1.0.3").status().retryAfterSeconds(), 4);
  // A fresh address with the right password gets in at once.
  EXPECT_TRUE(login("grid_worker", demo::kDemoPassword, "10.2.0.1").ok());
}

TEST_F(AuthServiceTest, SessionsExpireAfterIdleTimeAndSlideWhenUsed) {
  auto out = login("grid_worker", demo::kDemoPassword);
  ASSERT_TRUE(out.ok());
  http::Request req;
  req.headers.emplace_back("cookie", "linli_session=" + out->session_token);
  clock_->advance(7 * 3600 * 1000);
  ASSERT_TRUE(app_->auth->authenticate(req).ok());  // used: slides by 8 h
  clock_->advance(7 * 3600 * 1000);
  ASSERT_TRUE(app_->auth->authenticate(req).ok());
  clock_->advance(8 * 3600 * 1000 + 1);
  EXPECT_EQ(app_->auth->authenticate(req).status().code(), Code::kUnauthenticated);
}

TEST_F(AuthServiceTest, DisablingAUserEndsTheirSessions) {
  auto out = login("grid_worker", demo::kDemoPassword);
  ASSERT_TRUE(out.ok());
  Caller admin = as("community_admin");
  ASSERT_TRUE(app_->auth->updateUser(admin, out->user.id, {.disabled = true}).ok());
  http::Request req;
  req.headers.emplace_back("cookie", "linli_session=" + out->session_token);
  EXPECT_FALSE(app_->auth->authenticate(req).ok());
  EXPECT_EQ(login("grid_worker", demo::kDemoPassword).status().code(), Code::kUnauthenticated);
}

TEST_F(AuthServiceTest, AdminsGrantOnlyLowerRolesInsideTheirScope) {
  Caller admin = as("community_admin");
  const Scope mine = admin.principal->scope;
  NewUser nu{"new.worker", "新网格员", "longenough1", "community_staff", mine};
  EXPECT_TRUE(app_->auth->createUser(admin, nu).ok());
  nu.username = "too.high";
  nu.role = "community_admin";
  EXPECT_EQ(app_->auth->createUser(admin, nu).status().field(), "role");
  nu.role = "street_admin";
  nu.scope = {ScopeKind::kStreet, admin.principal->street_id};
  EXPECT_EQ(app_->auth->createUser(admin, nu).status().code(), Code::kPermissionDenied);
  nu.role = "community_staff";
  nu.scope = {ScopeKind::kCommunity, mine.id + 1};  // another community of the street
  auto other = app_->auth->createUser(admin, nu);
  EXPECT_EQ(other.status().code(), Code::kPermissionDenied);
  EXPECT_EQ(other.status().field(), "scope");
  nu.role = "grid_worker";  // a grid worker needs a grid
  nu.scope = mine;
  EXPECT_EQ(app_->auth->createUser(admin, nu).status().field(), "scope.kind");
}

TEST_F(AuthServiceTest, UsersOutsideTheScopeAreInvisible) {
  Caller admin = as("community_admin");
  Caller street = as("street_admin");
  auto all = app_->auth->listUsers(street, {.page_size = 200});
  ASSERT_TRUE(all.ok());
  auto mine = app_->auth->listUsers(admin, {.page_size = 200});
  ASSERT_TRUE(mine.ok());
  EXPECT_LT(mine->total, all->total);
  for (const User& u : mine->items) EXPECT_EQ(u.place.community_id, admin.principal->community_id);
  int64_t street_admin_id = street.principal->user_id;
  EXPECT_EQ(app_->auth->getUser(admin, street_admin_id).status().code(), Code::kNotFound);
  EXPECT_EQ(app_->auth->updateUser(admin, street_admin_id, {.disabled = true}).status().code(),
            Code::kNotFound);
}

TEST_F(AuthServiceTest, WritesAndDenialsAreAudited) {
  Caller admin = as("community_admin");
  Caller street = as("street_admin");
  ASSERT_TRUE(
      app_->auth
          ->createUser(admin, {"audited", "审计", "longenough1", "resident", {ScopeKind::kGrid, 1}})
          .ok());
  (void)app_->auth->createUser(
      admin, {"denied", "拒绝", "longenough1", "street_admin", {ScopeKind::kStreet, 1}});
  auto created = app_->audit->list(street, {.action = "users.create"});
  ASSERT_TRUE(created.ok());
  bool found = false;
  for (const auto& e : (*created)["items"])
    found |= e["actor_username"] == "community_admin" && e["detail"]["username"] == "audited";
  EXPECT_TRUE(found);
  auto denied = app_->audit->list(street, {.outcome = "denied"});
  ASSERT_TRUE(denied.ok());
  EXPECT_GE((*denied)["total"].get<int>(), 1);
  Caller worker = as("grid_worker");
  EXPECT_EQ(app_->audit->list(worker, {}).status().code(), Code::kPermissionDenied);
}

}  // namespace
}  // namespace linli::auth
