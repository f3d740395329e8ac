// Asset reminders in simulated time: the daily scan reminds once per asset
// and due date, the grid worker gets one digest, an overdue inspection goes to
// the community admin, confirming tells the building once, and recording the
// inspection moves the next date a year on so nothing is reminded again.
#include "reminders/reminders.h"

#include <gtest/gtest.h>

#include "app/app.h"
#include "demo/demo.h"
#include "testing/demo_app.h"

namespace linli::reminders {
namespace {

class RemindersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(
        app_.open({.now = "2026-11-23T07:00+08:00", .residents = 300, .start = true}));
    clock_ = &app_.clock();
    worker_ = app_.as("grid_worker");
    admin_ = app_.as("community_admin");
    auto buildings =
        app_->registry->listBuildings(worker_, worker_.principal->grid_id, std::nullopt, 1, 1);
    ASSERT_TRUE(buildings.ok() && !buildings->items.empty());
    building_ = buildings->items.front().id;
  }
  int64_t addAsset(const std::string& name, const std::string& next) {
    registry::AssetInput in;
    in.building_id = building_;
    in.kind = "elevator";
    in.name = name;
    in.next_inspection = next;
    auto a = app_->registry->createAsset(worker_, in);
    EXPECT_TRUE(a.ok()) << a.status().toString();
    return a->id;
  }
  std::vector<AssetReminder> of(int64_t asset, const Caller& who) {
    std::vector<AssetReminder> out;
    auto found = app_->reminders->list(who, false, asset);
    EXPECT_TRUE(found.ok());
    return found.ok() ? *found : out;
  }
  int64_t unread(const Caller& who) { return *app_->notify->unreadCount(who); }
  void runAt(const char* iso) {
    clock_->set(*parseIso8601(iso));
    ASSERT_TRUE(app_->scheduler->runDue().ok());
  }

  testing::DemoApp app_;
  SimulatedClock* clock_ = nullptr;
  Caller worker_, admin_;
  int64_t building_ = 0;
};

TEST_F(RemindersTest, RemindsOncePerDueDateAndEscalatesWhenOverdue) {
  const int64_t soon = addAsset("3号楼1号电梯", "2026-12-10");   // in 17 days
  const int64_t later = addAsset("3号楼2号电梯", "2027-03-01");  // not yet
  const int64_t overdue = addAsset("3号楼消防栓", "2026-11-20");

  const int64_t worker_before = unread(worker_), admin_before = unread(admin_);
  runAt("2026-11-23T07:59+08:00");  // before 08:00: nothing
  EXPECT_TRUE(of(soon, worker_).empty());
  EXPECT_EQ(unread(worker_), worker_before);
  runAt("2026-11-23T08:00+08:00");
  ASSERT_EQ(of(soon, worker_).size(), 1u);
  EXPECT_EQ(of(soon, worker_)[0].kind, "due_soon");
  EXPECT_TRUE(of(later, worker_).empty());
  ASSERT_EQ(of(overdue, admin_).size(), 1u);
  EXPECT_EQ(of(overdue, admin_)[0].kind, "overdue");
  const int64_t worker_told = unread(worker_), admin_told = unread(admin_);
  // One digest each, however many assets it lists (the demo's own among them).
  EXPECT_EQ(worker_told, worker_before + 1);
  EXPECT_EQ(admin_told, admin_before + 1);

  // The same day again, and the next days: no second reminder for the same date.
  runAt("2026-11-23T20:00+08:00");
  runAt("2026-11-24T08:00+08:00");
  runAt("2026-11-25T08:00+08:00");
  EXPECT_EQ(of(soon, worker_).size(), 1u);
  EXPECT_EQ(of(overdue, admin_).size(), 1u);
  EXPECT_EQ(unread(worker_), worker_told) << "no second digest for the same dates";
  EXPECT_EQ(unread(admin_), admin_told);

  // Confirming tells the building's residents once.
  auto confirmed = app_->reminders->confirm(worker_, of(soon, worker_)[0].id, "");
  ASSERT_TRUE(confirmed.ok()) << confirmed.status().toString();
  ASSERT_TRUE(confirmed->notice_id);
  auto notice = app_->notices->notice(worker_, *confirmed->notice_id);
  ASSERT_TRUE(notice.ok());
  EXPECT_GT(notice->recipients, 0);
  EXPECT_NE(notice->title.find("3号楼1号电梯"), std::string::npos);
  EXPECT_EQ(app_->reminders->confirm(worker_, confirmed->id, "").status().code(), Code::kConflict);

  // Recorded: done, the next inspection a year on, and no reminder until then.
  auto inspected = app_->reminders->recordInspection(worker_, confirmed->id, {2026, 11, 25});
  ASSERT_TRUE(inspected.ok()) << inspected.status().toString();
  EXPECT_TRUE(inspected->done);
  auto open = app_->reminders->list(worker_, true);
  for (const auto& r : *open) EXPECT_NE(r.asset_id, soon);
  runAt("2026-12-20T08:00+08:00");
  EXPECT_EQ(of(soon, worker_).size(), 1u);
  // The later one enters the 30-day window on 30 January.
  runAt("2027-01-29T08:00+08:00");
  EXPECT_TRUE(of(later, worker_).empty());
  runAt("2027-01-30T08:00+08:00");
  EXPECT_EQ(of(later, worker_).size(), 1u);
  // A resident sees no reminders.
  EXPECT_EQ(app_->reminders->list(app_.as("resident"), false).status().code(),
            Code::kPermissionDenied);
}

TEST_F(RemindersTest, AdminRulesRunOncePerPeriodForBirthdaysAndSavedReports) {
  // A resident of the first grid and the birthday they have next.
  auto people = app_->registry->listResidents(admin_, {.grid_id = worker_.principal->grid_id});
  ASSERT_TRUE(people.ok() && !people->items.empty());
  const registry::Resident& someone = people->items.front();
  const CivilDate today = dateAt(clock_->now());
  CivilDate birthday{today.year, someone.birth_date.month, someone.birth_date.day};
  if (birthday.month == 2 && birthday.day == 29 && !isLeapYear(birthday.year)) birthday.day = 28;
  if (birthday < today) birthday.year += 1;
  const int turning = birthday.year - someone.birth_date.year;

  EXPECT_EQ(app_->reminders->addRule(worker_, {}).status().code(), Code::kPermissionDenied);
  ReminderRule longevity{.name = "长寿提醒",
                         .condition = "birthday",
                         .ages = {turning},
                         .schedule = "daily",
                         .subject = "今日寿星",
                         .body = "请上门祝寿并核对长寿补贴",
                         .recipients = "author"};
  auto rule = app_->reminders->addRule(admin_, longevity);
  ASSERT_TRUE(rule.ok()) << rule.status().toString();
  ReminderRule bad = longevity;
  bad.schedule = "hourly";
  EXPECT_EQ(app_->reminders->addRule(admin_, bad).status().field(), "schedule");

  // The day before: nobody turns that age (as far as this resident goes); on the day, they do.
  clock_->set(*parseIso8601(formatDate(fromDays(toDays(birthday) - 1)) + "T09:00+08:00"));
  const int64_t unread_before = unread(admin_);
  ASSERT_TRUE(app_->reminders->runRules().ok());
  clock_->set(*parseIso8601(formatDate(birthday) + "T09:00+08:00"));
  EXPECT_GE(*app_->reminders->preview(admin_, rule->id), 1);
  ASSERT_EQ(*app_->reminders->runRules(), 1);
  EXPECT_EQ(*app_->reminders->runRules(), 0);  // once per period
  auto inbox = app_->notify->inbox(admin_, true, 1, 50);
  bool named = false;
  for (const auto& m : inbox->items)
    if (m.subject.find("今日寿星") != std::string::npos &&
        m.body.find(someone.name) != std::string::npos)
      named = true;
  EXPECT_TRUE(named);
  EXPECT_GT(unread(admin_), unread_before);

  // A saved report's residents, told themselves: one notice for the month.
  auto everyone = app_->reports->createTemplate(
      admin_, "网格全体", {{"grid_id", std::to_string(*worker_.principal->grid_id)}}, {});
  ASSERT_TRUE(everyone.ok()) << everyone.status().toString();
  ReminderRule monthly{.name = "月度安全提示",
                       .condition = "report",
                       .report_id = std::stoll((*everyone)["id"].get<std::string>()),
                       .schedule = "monthly",
                       .subject = "冬季用电安全",
                       .body = "请勿私拉电线为电动车充电",
                       .recipients = "residents"};
  ASSERT_TRUE(app_->reminders->addRule(admin_, monthly).ok());
  clock_->set(*parseIso8601("2027-03-01T09:00+08:00"));
  ASSERT_GE(*app_->reminders->runRules(), 1);
  auto notices = app_->notices->notices(admin_);
  ASSERT_TRUE(notices.ok() && !notices->empty());
  EXPECT_EQ(notices->front().title, "冬季用电安全");
  EXPECT_GT(notices->front().recipients, 0);
  clock_->set(*parseIso8601("2027-03-02T09:00+08:00"));  // not the 1st: the monthly rule waits
  ASSERT_TRUE(app_->reminders->runRules().ok());
  EXPECT_EQ(app_->notices->notices(admin_)->size(), notices->size());
}

}  // namespace
}  // namespace linli::reminders
