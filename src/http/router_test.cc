#include "http/router.h"

#include <gtest/gtest.h>

namespace linli::http {
namespace {

Router makeRouter() {
  Router r;
  auto ok = [](Request&) { return Response::noContent(); };
  r.add({.method = "GET", .pattern = "/api/v1/auth/users"}, ok);
  r.add({.method = "POST", .pattern = "/api/v1/auth/users"}, ok);
  r.add({.method = "GET", .pattern = "/api/v1/auth/users/{id}"}, ok);
  r.add({.method = "PATCH", .pattern = "/api/v1/auth/users/{id}"}, ok);
  r.add({.method = "POST", .pattern = "/api/v1/auth/users/{id}/password"}, ok);
  return r;
}

TEST(Router, MatchesLiteralAndParameters) {
  Router r = makeRouter();
  auto m = r.match("GET", "/api/v1/auth/users/42");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->info.pattern, "/api/v1/auth/users/{id}");
  EXPECT_EQ(m.params.at("id"), "42");
  m = r.match("POST", "/api/v1/auth/users/7/password");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("id"), "7");
}

// Regression: a literal registered after a parameter at the same place used to lose.
TEST(Router, LiteralBeatsParameterWhateverTheOrder) {
  Router r = makeRouter();
  r.add({.method = "GET", .pattern = "/api/v1/auth/users/me"},
        [](Request&) { return Response::json(200, {}); });
  auto m = r.match("GET", "/api/v1/auth/users/me");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->info.pattern, "/api/v1/auth/users/me");
  EXPECT_TRUE(m.params.empty());
  m = r.match("GET", "/api/v1/auth/users/5");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->info.pattern, "/api/v1/auth/users/{id}");
}

TEST(Router, DecodesParameters) {
  Router r = makeRouter();
  auto m = r.match("GET", "/api/v1/auth/users/%E7%8E%8B");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("id"), "王");
}

TEST(Router, KnownPathWrongMethodListsAllowed) {
  Router r = makeRouter();
  auto m = r.match("DELETE", "/api/v1/auth/users/42");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.path_known);
  EXPECT_EQ(m.allowed_methods, (std::vector<std::string>{"GET", "PATCH"}));
}

TEST(Router, UnknownPath) {
  Router r = makeRouter();
  for (const char* path : {"/api/v1/auth/userz", "/api/v1/auth/users/42/extra",
                           "/api/v1/auth/users/", "", "api/v1/auth/users"}) {
    auto m = r.match("GET", path);
    EXPECT_EQ(m.route, nullptr) << path;
    EXPECT_FALSE(m.path_known) << path;
  }
}

}  // namespace
}  // namespace linli::http
