#include "reminders/rules.h"

#include <gtest/gtest.h>

namespace linli::reminders {
namespace {

TEST(ReminderRules, SchedulesRunOncePerPeriodOnTheirDay) {
  EXPECT_EQ(periodOn("daily", {2026, 11, 23}), "2026-11-23");
  EXPECT_EQ(periodOn("weekly", {2026, 11, 23}), "2026-W48");  // a Monday
  EXPECT_FALSE(periodOn("weekly", {2026, 11, 24}));
  EXPECT_EQ(periodOn("weekly", {2026, 12, 28}), "2026-W53");
  EXPECT_EQ(periodOn("weekly", {2027, 1, 4}), "2027-W01");
  EXPECT_EQ(periodOn("monthly", {2026, 12, 1}), "2026-12");
  EXPECT_FALSE(periodOn("monthly", {2026, 12, 2}));
  EXPECT_FALSE(periodOn("hourly", {2026, 12, 1}));
  EXPECT_EQ(periodDays("monthly", {2028, 2, 1}).second, (CivilDate{2028, 2, 29}));
  EXPECT_EQ(periodDays("weekly", {2026, 11, 30}).second, (CivilDate{2026, 12, 6}));
  // A preview mid-period covers the whole period, as its run on the first day did.
  EXPECT_EQ(periodDays("weekly", {2026, 12, 3}).first, (CivilDate{2026, 11, 30}));
  EXPECT_EQ(periodDays("monthly", {2026, 11, 23}).first, (CivilDate{2026, 11, 1}));
}

TEST(ReminderRules, AgesAndFieldsAreChecked) {
  EXPECT_EQ(*parseAges("80, 90,100"), (std::vector<int>{80, 90, 100}));
  EXPECT_EQ(parseAges("80,ninety").status().field(), "ages");
  EXPECT_EQ(parseAges("200").status().field(), "ages");
  EXPECT_EQ(formatAges({80, 90}), "80,90");
  ReminderRule r{.name = "长寿补贴",
                 .condition = "birthday",
                 .ages = {80, 90, 100},
                 .schedule = "monthly",
                 .subject = "本月满80/90/100岁的老人",
                 .body = "请核对长寿补贴名单",
                 .recipients = "author"};
  EXPECT_TRUE(validateRule(r).ok());
  r.schedule = "yearly";
  EXPECT_EQ(validateRule(r).field(), "schedule");
  r.schedule = "monthly";
  r.condition = "report";
  EXPECT_EQ(validateRule(r).field(), "report_id");
  r.report_id = 3;
  r.recipients = "everyone";
  EXPECT_EQ(validateRule(r).field(), "recipients");
}

}  // namespace
}  // namespace linli::reminders
