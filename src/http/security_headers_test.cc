#include "http/security_headers.h"

#include <gtest/gtest.h>

#include "http/operator_access.h"
#include "http/request_id.h"

namespace linli::http {
namespace {

std::string find(const HeaderList& headers, std::string_view name) {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return "(none)";
}

TEST(SecurityHeadersTest, EveryResponseGetsThemAndKeepsItsOwn) {
  HeaderList h = {{"X-Content-Type-Options", "nosniff"}, {"Set-Cookie", "a=1; Path=/"}};
  addSecurityHeaders(h, false);
  EXPECT_NE(find(h, "Content-Security-Policy").find("script-src 'self';"), std::string::npos);
  EXPECT_NE(find(h, "Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(find(h, "X-Frame-Options"), "DENY");
  EXPECT_EQ(find(h, "Referrer-Policy"), "same-origin");
  EXPECT_EQ(find(h, "Strict-Transport-Security"), "(none)");
  EXPECT_EQ(find(h, "Set-Cookie"), "a=1; Path=/");
  int nosniff = 0;
  for (const auto& [k, v] : h) nosniff += k == "X-Content-Type-Options";
  EXPECT_EQ(nosniff, 1);
}

TEST(SecurityHeadersTest, HttpsAddsHstsAndSecureCookies) {
  HeaderList h = {{"Set-Cookie", "a=1; Path=/; HttpOnly"}, {"set-cookie", "b=2; secure"}};
  addSecurityHeaders(h, true);
  EXPECT_EQ(find(h, "Strict-Transport-Security"), "max-age=31536000");
  EXPECT_EQ(find(h, "Set-Cookie"), "a=1; Path=/; HttpOnly; Secure");
  EXPECT_EQ(find(h, "set-cookie"), "b=2; secure");
}

TEST(OperatorAccessTest, LoopbackWithoutTokenTokenWhenConfigured) {
  Request r;
  r.remote_address = "127.0.0.1";
  EXPECT_TRUE(operatorAccess(r, "").ok());
  r.remote_address = "::ffff:127.0.0.1";
  EXPECT_TRUE(operatorAccess(r, "").ok());
  r.remote_address = "::1";
  EXPECT_TRUE(operatorAccess(r, "").ok());
  r.headers = {{"x-forwarded-for", "203.0.113.9"}};
  EXPECT_EQ(operatorAccess(r, "").code(), Code::kPermissionDenied);
  r.headers.clear();
  r.remote_address = "10.0.0.2";
  EXPECT_EQ(operatorAccess(r, "").code(), Code::kPermissionDenied);
  EXPECT_EQ(operatorAccess(r, "s3cret").code(), Code::kUnauthenticated);
  r.headers = {{"authorization", "Bearer s3cret"}};
  EXPECT_TRUE(operatorAccess(r, "s3cret").ok());
  r.headers = {{"authorization", "Bearer s3cre"}};
  EXPECT_EQ(operatorAccess(r, "s3cret").code(), Code::kUnauthenticated);
  r.remote_address = "127.0.0.1";  // a configured token is needed on loopback too
  r.headers.clear();
  EXPECT_EQ(operatorAccess(r, "s3cret").code(), Code::kUnauthenticated);
}

TEST(RequestIdTest, OnlyLettersDigitsAndDashUpTo64) {
  EXPECT_TRUE(acceptableRequestId("abc-DEF-0123"));
  EXPECT_TRUE(acceptableRequestId(std::string(64, 'a')));
  EXPECT_FALSE(acceptableRequestId(std::string(65, 'a')));
  EXPECT_FALSE(acceptableRequestId(""));
  EXPECT_FALSE(acceptableRequestId("a_b"));
  EXPECT_FALSE(acceptableRequestId("a\nb"));
  EXPECT_FALSE(acceptableRequestId("a b"));
  EXPECT_FALSE(acceptableRequestId("\xc3\xa9"));
  EXPECT_EQ(newRequestId().size(), 16u);
}

}  // namespace
}  // namespace linli::http
