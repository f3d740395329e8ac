// Asset reminders in simulated time: the daily scan reminds once per asset
// and due date, the grid worker gets one digest, an overdue inspection goes to
// the community admin, confirming tells the building once, and recording the
// inspection moves the next date a year on so nothing is reminded again.
#include "reminders/reminders.h"

#include <gtest/gtest.h>

#include "app/app.h"
#include "demo/demo.h"
#include "testing/demo_caller.h"
#include "testing/temp_dir.h"

namespace linli::reminders {
namespace {

class RemindersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto clock = std::make_unique<SimulatedClock>(*parseIso8601("2026-11-23T07:00+08:00"));
    clock_ = clock.get();
    auto opened = app::openApp({.data_dir = dir_.path()}, std::move(clock));
    ASSERT_TRUE(opened.ok()) << opened.status().toString();
    app_ = std::move(*opened);
    ASSERT_TRUE(demo::loadDemo(*app_->db, *app_->registry, *app_->auth, *app_->clock, 300).ok());
    ASSERT_TRUE(app_->reports->start().ok());
    ASSERT_TRUE(registerJobs(*app_->scheduler, *app_->reminders, clock_->now()).ok());
    worker_ = testing::demoCaller(*app_, "grid_worker");
    admin_ = testing::demoCaller(*app_, "community_admin");
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

  testing::TempDir dir_;
  SimulatedClock* clock_ = nullptr;
  std::unique_ptr<app::App> app_;
  Caller worker_, admin_;
  int64_t building_ = 0;
};

TEST_F(RemindersTest, RemindsOncePerDueDateAndEscalatesWhenOverdue) {
  const int64_t soon = addAsset("3号楼1号电梯", "2026-12-10");   // in 17 days
  const int64_t later = addAsset("3号楼2号电梯", "2027-03-01");  // not yet
  const int64_t overdue = addAsset("3号楼消防栓", "2026-11-20");

  runAt("2026-11-23T07:59+08:00");  // before 08:00: nothing
  EXPECT_TRUE(of(soon, worker_).empty());
  runAt("2026-11-23T08:00+08:00");
  ASSERT_EQ(of(soon, worker_).size(), 1u);
  EXPECT_EQ(of(soon, worker_)[0].kind, "due_soon");
  EXPECT_TRUE(of(later, worker_).empty());
  ASSERT_EQ(of(overdue, admin_).size(), 1u);
  EXPECT_EQ(of(overdue, admin_)[0].kind, "overdue");
  const int64_t worker_told = unread(worker_), admin_told = unread(admin_);
  EXPECT_GE(worker_told, 1);  // one digest (the demo's own assets may add to the count)
  EXPECT_GE(admin_told, 1);

  // The same day again, and the next days: no second reminder for the same date.
  runAt("2026-11-23T20:00+08:00");
  runAt("2026-11-24T08:00+08:00");
  runAt("2026-11-25T08:00+08:00");
  EXPECT_EQ(of(soon, worker_).size(), 1u);
  EXPECT_EQ(of(overdue, admin_).size(), 1u);

  // Confirming tells the building's residents once.
  auto confirmed = app_->reminders->confirm(worker_, of(soon, worker_)[0].id, "");
  ASSERT_TRUE(confirmed.ok()) << confirmed.status().toString();
  ASSERT_TRUE(confirmed->notice_id);
  auto notice = app_->notify->notice(worker_, *confirmed->notice_id);
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
  EXPECT_EQ(app_->reminders->list(testing::demoCaller(*app_, "resident"), false).status().code(),
            Code::kPermissionDenied);
}

}  // namespace
}  // namespace linli::reminders
