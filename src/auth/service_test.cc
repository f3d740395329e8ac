#include <gtest/gtest.h>

#include "app/app.h"
#include "auth/auth.h"
#include "auth/permissions.h"
#include "demo/demo.h"
#include "testing/demo_caller.h"
#include "testing/temp_dir.h"

namespace linli::auth {
namespace {

constexpr TimeMs kStart = 1795345062000;

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto clock = std::make_unique<SimulatedClock>(kStart);
    clock_ = clock.get();
    app::AppOptions options{.data_dir = dir_.path()};
    options.auth.account_failures = 3;
    options.auth.address_failures = 10;
    options.auth.window_s = 60;
    auto opened = app::openApp(options, std::move(clock));
    ASSERT_TRUE(opened.ok()) << opened.status().toString();
    app_ = std::move(*opened);
    ASSERT_TRUE(demo::loadDemo(*app_->db, *app_->registry, *app_->auth, *app_->clock, 0).ok());
  }

  Caller as(const std::string& username) { return testing::demoCaller(*app_, username); }

  Result<LoginOutcome> login(const std::string& user, const std::string& password,
                             const std::string& ip = "10.0.0.2") {
    return app_->auth->login(Caller{std::nullopt, ip, "t"}, user, password);
  }

  testing::TempDir dir_;
  SimulatedClock* clock_ = nullptr;
  std::unique_ptr<app::App> app_;
};

TEST_F(AuthServiceTest, ThrottlesAnAccountForTheRestOfTheWindow) {
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(login("grid_worker", "wrong-password").status().code(), Code::kUnauthenticated);
  clock_->advance(20 * 1000);
  auto locked = login("grid_worker", demo::kDemoPassword);
  ASSERT_EQ(locked.status().code(), Code::kResourceExhausted);
  EXPECT_EQ(locked.status().retryAfterSeconds(), 40);
  EXPECT_TRUE(login("resident", demo::kDemoPassword).ok());  // other accounts unaffected
  clock_->advance(40 * 1000);
  EXPECT_TRUE(login("grid_worker", demo::kDemoPassword).ok());
}

TEST_F(AuthServiceTest, ThrottlesAnAddressAcrossAccounts) {
  for (int i = 0; i < 10; ++i)
    EXPECT_FALSE(login("nobody" + std::to_string(i), "wrong-password", "10.9.9.9").ok());
  EXPECT_EQ(login("grid_worker", demo::kDemoPassword, "10.9.9.9").status().code(),
            Code::kResourceExhausted);
  EXPECT_TRUE(login("grid_worker", demo::kDemoPassword, "10.9.9.8").ok());
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

TEST_F(AuthServiceTest, EveryRoleGetsExactlyTheTablesActions) {
  for (auto role : roles()) {
    for (const char* action : {"users.read", "users.manage", "audit.read", "self.read"}) {
      bool in_table = false;
      for (const Rule& r : permissionTable()) in_table |= r.role == role && r.action == action;
      Principal p;
      p.role = std::string(role);
      EXPECT_EQ(require(Caller{p, "", ""}, action).ok(), in_table) << role << " " << action;
    }
  }
  EXPECT_EQ(require(Caller{std::nullopt, "", ""}, "self.read").code(), Code::kUnauthenticated);
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
