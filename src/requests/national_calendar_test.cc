#include "requests/national_calendar.h"

#include <gtest/gtest.h>

#include <cstring>

#include "requests/business_calendar.h"

namespace linli::requests {
namespace {

int weekday(const CivilDate& d) { return static_cast<int>(((toDays(d) % 7) + 7 + 4) % 7); }

TEST(NationalCalendar, DatesAreRealSortedAndMakeUpDaysFallOnWeekends) {
  const auto& days = nationalCalendar();
  ASSERT_FALSE(days.empty());
  for (size_t i = 0; i < days.size(); ++i) {
    const auto& d = days[i];
    EXPECT_TRUE(isValidDate(d.date.year, d.date.month, d.date.day));
    if (i > 0) {
      EXPECT_LT(days[i - 1].date, d.date) << "sorted, no date twice";
    }
    const bool holiday = std::strcmp(d.kind, "holiday") == 0;
    EXPECT_TRUE(holiday || std::strcmp(d.kind, "workday") == 0) << d.kind;
    // A make-up workday (调休) is always a Saturday or a Sunday.
    if (!holiday) {
      EXPECT_TRUE(weekday(d.date) == 0 || weekday(d.date) == 6) << formatDate(d.date);
    }
  }
}

TEST(NationalCalendar, SpringFestival2026IsNineDaysOffBetweenTwoWorkingSaturdays) {
  BusinessCalendar cal;
  for (const auto& d : nationalCalendar())
    cal.set(d.date, std::strcmp(d.kind, "holiday") == 0 ? BusinessCalendar::Day::kHoliday
                                                        : BusinessCalendar::Day::kWorkday);
  EXPECT_TRUE(cal.isWorkday({2026, 2, 14}));  // Saturday, made up
  for (int d = 15; d <= 23; ++d) EXPECT_FALSE(cal.isWorkday({2026, 2, d})) << d;
  EXPECT_TRUE(cal.isWorkday({2026, 2, 24}));
  EXPECT_TRUE(cal.isWorkday({2026, 2, 28}));  // Saturday, made up
  EXPECT_FALSE(cal.isWorkday({2026, 10, 7}));
  EXPECT_TRUE(cal.isWorkday({2026, 10, 10}));
}

}  // namespace
}  // namespace linli::requests
