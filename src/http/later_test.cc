#include "http/later.h"

#include <gtest/gtest.h>

#include <thread>

namespace linli::http {
namespace {

Response made(int status) {
  Response r;
  r.status = status;
  r.body = "made";
  return r;
}

TEST(Later, FulfilledAfterTheServerWaitsItIsMadeWithTheFinishingTouches) {
  auto later = std::make_shared<Later>();
  Response handed = Response::later(later);
  ASSERT_EQ(handed.pending, later);
  later->finally([](Response& r) { r.header("X-Request-Id", "abc"); });
  bool ready = false;
  later->whenFulfilled([&] { ready = true; });
  EXPECT_FALSE(ready);
  std::thread([&] { later->fulfil([] { return made(201); }); }).join();
  EXPECT_TRUE(ready);
  Response r = later->take();
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.body, "made");
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].second, "abc");
}

TEST(Later, FulfilledBeforeTheServerWaitsItIsReadyAtOnce) {
  auto later = std::make_shared<Later>();
  later->fulfil([] { return made(400); });
  bool ready = false;
  later->whenFulfilled([&] { ready = true; });
  EXPECT_TRUE(ready);
  EXPECT_EQ(later->take().status, 400);
}

}  // namespace
}  // namespace linli::http
