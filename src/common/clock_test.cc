#include "common/clock.h"

#include <gtest/gtest.h>

namespace linli {
namespace {

TEST(Iso8601, FormatsWithOffset) {
  // 2026-11-22T10:57:42Z
  TimeMs t = 1795345062000;
  EXPECT_EQ(formatIso8601(t, 480), "2026-11-22T18:57:42+08:00");
  EXPECT_EQ(formatIso8601(t, 0), "2026-11-22T10:57:42+00:00");
  EXPECT_EQ(formatIso8601(t, -300), "2026-11-22T05:57:42-05:00");
}

TEST(Iso8601, RoundTrips) {
  for (TimeMs t : {TimeMs{0}, TimeMs{951782400000} /* 2000-02-29 */, TimeMs{1795345062000}}) {
    EXPECT_EQ(parseIso8601(formatIso8601(t)), t);
  }
}

TEST(Iso8601, ParsesVariants) {
  EXPECT_EQ(parseIso8601("2026-11-22T10:57:42Z"), 1795345062000);
  EXPECT_EQ(parseIso8601("2026-11-22T18:57:42+08:00"), 1795345062000);
  EXPECT_EQ(parseIso8601("2026-11-22T10:57:42.5Z"), 1795345062500);
  // A date alone is local midnight in the default offset (+08:00).
  EXPECT_EQ(parseIso8601("2026-11-23"), parseIso8601("2026-11-22T16:00:00Z"));
}

TEST(Iso8601, RejectsImpossibleDates) {
  EXPECT_FALSE(parseIso8601("2026-02-29"));
  EXPECT_TRUE(parseIso8601("2024-02-29"));
  EXPECT_FALSE(parseIso8601("2026-13-01"));
  EXPECT_FALSE(parseIso8601("2026-11-22T25:00"));
  EXPECT_FALSE(parseIso8601("yesterday"));
  EXPECT_FALSE(parseIso8601("2026-11-22T10:00+8"));
}

TEST(SimulatedClock, MovesOnlyWhenTold) {
  SimulatedClock clock(1000);
  EXPECT_EQ(clock.now(), 1000);
  clock.advance(500);
  EXPECT_EQ(clock.now(), 1500);
}

}  // namespace
}  // namespace linli
