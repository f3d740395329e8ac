#include "requests/business_calendar.h"

#include <gtest/gtest.h>

namespace linli::requests {
namespace {

constexpr TimeMs kHour = 3600 * 1000;
TimeMs at(const char* iso) { return *parseIso8601(iso); }

TEST(BusinessCalendar, WeekendsDoNotCount) {
  BusinessCalendar cal;
  EXPECT_TRUE(cal.isWorkday({2026, 11, 20}));   // Friday
  EXPECT_FALSE(cal.isWorkday({2026, 11, 21}));  // Saturday
  EXPECT_FALSE(cal.isWorkday({2026, 11, 22}));  // Sunday
  // Friday 20:00 + 24 working hours: Friday's last 4 hours, then 20 on Monday.
  EXPECT_EQ(cal.add(at("2026-11-20T20:00+08:00"), 24 * kHour), at("2026-11-23T20:00+08:00"));
  // Filed on Saturday: the clock starts on Monday at midnight.
  EXPECT_EQ(cal.add(at("2026-11-21T10:00+08:00"), 2 * kHour), at("2026-11-23T02:00+08:00"));
  EXPECT_EQ(cal.between(at("2026-11-20T20:00+08:00"), at("2026-11-23T20:00+08:00")), 24 * kHour);
  EXPECT_EQ(cal.between(at("2026-11-21T00:00+08:00"), at("2026-11-23T00:00+08:00")), 0);
  EXPECT_EQ(cal.add(at("2026-11-23T09:00+08:00"), 0), at("2026-11-23T09:00+08:00"));
}

TEST(BusinessCalendar, HolidaysAndMakeUpWorkdays) {
  BusinessCalendar cal;
  // National Day week off, and the Saturday before it worked (调休).
  for (int d = 1; d <= 7; ++d) cal.set({2026, 10, d}, BusinessCalendar::Day::kHoliday);
  cal.set({2026, 9, 26}, BusinessCalendar::Day::kWorkday);
  EXPECT_TRUE(cal.isWorkday({2026, 9, 26}));
  EXPECT_FALSE(cal.isWorkday({2026, 10, 1}));  // a Thursday, but a holiday
  // Wednesday 30 Sep 12:00 + 24 h: 12 h that day, then nothing until Thursday 8 Oct.
  EXPECT_EQ(cal.add(at("2026-09-30T12:00+08:00"), 24 * kHour), at("2026-10-08T12:00+08:00"));
  // The make-up Saturday counts.
  EXPECT_EQ(cal.add(at("2026-09-25T12:00+08:00"), 24 * kHour), at("2026-09-26T12:00+08:00"));
}

TEST(BusinessCalendar, APauseAcrossAWeekendKeepsTheRemainingWorkingTime) {
  BusinessCalendar cal;
  const TimeMs due = at("2026-11-24T12:00+08:00");      // Tuesday
  const TimeMs paused = at("2026-11-20T12:00+08:00");   // Friday: 2 working days left
  const TimeMs resumed = at("2026-11-25T12:00+08:00");  // Wednesday
  const TimeMs left = cal.between(paused, due);
  EXPECT_EQ(left, 48 * kHour);
  EXPECT_EQ(cal.add(resumed, left), at("2026-11-27T12:00+08:00"));
}

}  // namespace
}  // namespace linli::requests
