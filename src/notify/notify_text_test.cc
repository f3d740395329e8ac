#include <gtest/gtest.h>

#include "common/clock.h"
#include "notify/message_text.h"
#include "notify/quiet_hours.h"

namespace linli::notify {
namespace {

TEST(MessageText, FillsVariablesAndDropsUnknownOnes) {
  EXPECT_EQ(render("诉求 {{number}} 已升级：{{ called }}须报到{{missing}}。",
                   {{"number", "SQ-ZS-20261123-0001"}, {"called", "科长"}}),
            "诉求 SQ-ZS-20261123-0001 已升级：科长须报到。");
  EXPECT_EQ(render("no variables", {}), "no variables");
  EXPECT_EQ(render("unclosed {{name", {{"name", "x"}}), "unclosed {{name");
}

TEST(QuietHours, ParsesAndFormatsClockTimes) {
  EXPECT_EQ(parseClockTime("22:30"), 22 * 60 + 30);
  EXPECT_EQ(parseClockTime("00:00"), 0);
  EXPECT_FALSE(parseClockTime("24:00"));
  EXPECT_FALSE(parseClockTime("7:00"));
  EXPECT_FALSE(parseClockTime("ab:cd"));
  EXPECT_EQ(formatClockTime(7 * 60 + 5), "07:05");
}

TEST(QuietHours, HoldsUntilTheWindowEndsAcrossMidnight) {
  const QuietHours night{22 * 60, 7 * 60};
  // 2026-11-23 23:30 +08:00 → released 2026-11-24 07:00 +08:00.
  const TimeMs late = *parseIso8601("2026-11-23T23:30:00+08:00");
  EXPECT_EQ(releaseAt(late, night, false), *parseIso8601("2026-11-24T07:00:00+08:00"));
  // 03:00 → 07:00 the same day.
  const TimeMs early = *parseIso8601("2026-11-24T03:00:00+08:00");
  EXPECT_EQ(releaseAt(early, night, false), *parseIso8601("2026-11-24T07:00:00+08:00"));
  // Daytime, urgent, or no window: now.
  const TimeMs noon = *parseIso8601("2026-11-24T12:00:00+08:00");
  EXPECT_EQ(releaseAt(noon, night, false), noon);
  EXPECT_EQ(releaseAt(late, night, true), late);
  EXPECT_EQ(releaseAt(late, QuietHours{600, 600}, false), late);
  // A window inside one day (12:00–14:00 nap).
  const QuietHours nap{12 * 60, 14 * 60};
  EXPECT_EQ(releaseAt(noon, nap, false), *parseIso8601("2026-11-24T14:00:00+08:00"));
  EXPECT_EQ(releaseAt(*parseIso8601("2026-11-24T14:00:00+08:00"), nap, false),
            *parseIso8601("2026-11-24T14:00:00+08:00"));
}

}  // namespace
}  // namespace linli::notify
