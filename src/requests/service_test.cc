// Deadlines and escalation (吹哨) in simulated time: the warning and each
// level fire once, weekends do not count, and a pause holds the clock.
#include <gtest/gtest.h>

#include "app/app.h"
#include "demo/demo.h"
#include "requests/requests.h"
#include "testing/demo_app.h"

namespace linli::requests {
namespace {

constexpr TimeMs kHour = 3600 * 1000;

class RequestDeadlinesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(app_.open({.now = "2026-11-23T09:00+08:00"}));
    clock_ = &app_.clock();
  }

  Caller as(const std::string& username) { return app_.as(username); }

  Request file(const std::string& category) {
    NewRequest in;
    in.category = category;
    in.description = "楼道里堆满杂物，影响通行";
    auto r = app_->requests->file(as("resident"), in);
    EXPECT_TRUE(r.ok()) << r.status().toString();
    return *r;
  }

  Request reload(int64_t id) { return *app_->requests->get(as("street_admin"), id); }

  std::vector<std::string> kinds(int64_t id) {
    std::vector<std::string> out;
    auto events = app_->requests->timeline(as("street_admin"), id);  // kept alive for the loop
    for (const auto& e : *events) out.push_back(e.kind);
    return out;
  }

  void runUntil(const char* iso) {
    clock_->set(*parseIso8601(iso));
    ASSERT_TRUE(app_->scheduler->runDue().ok());
  }

  testing::DemoApp app_;
  SimulatedClock* clock_ = nullptr;
};

TEST_F(RequestDeadlinesTest, WarnsOnceThenEachLevelFiresOnceSkippingTheWeekend) {
  // Neighbour disputes: 72 working hours, filed Monday 09:00 → due Thursday 09:00.
  Request r = file("SQ-LL");
  EXPECT_EQ(r.resolve_due, *parseIso8601("2026-11-26T09:00+08:00"));
  runUntil("2026-11-26T07:30+08:00");  // two hours before: warned
  runUntil("2026-11-26T08:00+08:00");
  EXPECT_TRUE(reload(r.id).warned);
  EXPECT_EQ(reload(r.id).escalation_level, 0);

  runUntil("2026-11-26T09:00+08:00");  // the breach: blue
  runUntil("2026-11-26T12:00+08:00");
  EXPECT_EQ(reload(r.id).escalation_level, 1);
  EXPECT_EQ(reload(r.id).escalation_color, "blue");

  // Blue has 24 working hours: Thursday 09:00 → Friday 09:00; then yellow.
  runUntil("2026-11-27T08:59+08:00");
  EXPECT_EQ(reload(r.id).escalation_level, 1);
  runUntil("2026-11-27T09:00+08:00");
  EXPECT_EQ(reload(r.id).escalation_color, "yellow");
  // Yellow's 24 hours: the rest of Friday (15 h), then 9 h of Monday — the weekend does not count.
  runUntil("2026-11-29T23:00+08:00");
  EXPECT_EQ(reload(r.id).escalation_level, 2);
  runUntil("2026-11-30T09:00+08:00");
  EXPECT_EQ(reload(r.id).escalation_color, "red");
  runUntil("2026-12-31T09:00+08:00");  // no level after red
  EXPECT_EQ(reload(r.id).escalation_level, 3);
  EXPECT_EQ(kinds(r.id), (std::vector<std::string>{"submitted", "assign", "warn", "escalate",
                                                   "escalate", "escalate"}));
  // The handler heard of each: the new work, the warning and every level, once, urgent ones marked.
  auto inbox = app_->notify->inbox(as("grid_worker"), false, 1, 20);
  ASSERT_TRUE(inbox.ok());
  ASSERT_EQ(inbox->items.size(), 5u);
  EXPECT_NE(inbox->items[4].subject.find("新诉求"), std::string::npos);
  EXPECT_NE(inbox->items[3].subject.find("即将超时"), std::string::npos);
  EXPECT_FALSE(inbox->items[3].urgent);
  EXPECT_NE(inbox->items[0].subject.find("红色"), std::string::npos);
  EXPECT_TRUE(inbox->items[0].urgent);
  EXPECT_EQ(inbox->items[0].link, "/requests/" + std::to_string(r.id));
}

TEST_F(RequestDeadlinesTest, AResolvedRequestIsNotEscalatedAndReportingInIsRecorded) {
  Request done = file("SQ-ZS");
  Request late = file("SQ-ZS");
  Caller worker = as("grid_worker");
  ASSERT_TRUE(app_->requests->act(worker, done.id, "start", {}).ok());
  ASSERT_TRUE(app_->requests->act(worker, done.id, "resolve", {.note = "已协调"}).ok());
  runUntil("2026-11-26T09:00+08:00");  // both past 48 working hours
  EXPECT_EQ(reload(done.id).escalation_level, 0);
  EXPECT_EQ(reload(late.id).escalation_level, 1);
  ASSERT_TRUE(app_->requests->act(worker, late.id, "report_in", {.note = "王科长已到场"}).ok());
  auto again = app_->requests->act(worker, late.id, "report_in", {});
  EXPECT_EQ(again.status().code(), Code::kConflict);
  auto esc = app_->requests->detail(worker, late.id)->escalation;
  ASSERT_TRUE(esc && esc->reported_at);
  EXPECT_FALSE(app_->requests->act(worker, done.id, "report_in", {}).ok());
}

TEST_F(RequestDeadlinesTest, WaitingOnTheResidentHoldsTheClockAndEscalationWaits) {
  Request r = file("SQ-ZS");  // due Wednesday 09:00
  Caller worker = as("grid_worker");
  ASSERT_TRUE(app_->requests->act(worker, r.id, "start", {}).ok());
  clock_->set(*parseIso8601("2026-11-24T09:00+08:00"));  // Tuesday: 24 working hours left
  ASSERT_TRUE(app_->requests->act(worker, r.id, "wait", {}).ok());
  runUntil("2026-11-27T12:00+08:00");  // Friday: past the old deadline, but paused
  EXPECT_EQ(reload(r.id).escalation_level, 0);
  auto resumed = app_->requests->act(worker, r.id, "resume", {});
  ASSERT_TRUE(resumed.ok());
  // 24 working hours from Friday 12:00: 12 h of Friday, then Monday until 12:00.
  EXPECT_EQ(resumed->resolve_due, *parseIso8601("2026-11-30T12:00+08:00"));
  runUntil("2026-11-30T11:59+08:00");
  EXPECT_EQ(reload(r.id).escalation_level, 0);
  runUntil("2026-11-30T12:00+08:00");
  EXPECT_EQ(reload(r.id).escalation_level, 1);
}

}  // namespace
}  // namespace linli::requests

namespace linli::requests {
namespace {

TEST_F(RequestDeadlinesTest, RoutesToTheLeastLoadedWorkerOfTheGridAndKeepsTheirLoadRight) {
  Caller first = as("grid_worker");
  auto second = app_->auth->addUserAsOperator(auth::NewUser{
      "grid_worker_2", "李网格", "longenough1", "grid_worker", first.principal->scope});
  ASSERT_TRUE(second.ok()) << second.status().toString();
  // Equal loads: the first; then whoever has less.
  Request a = file("SQ-ZS"), b = file("SQ-ZS");
  EXPECT_EQ(a.assignee_id, first.principal->user_id);
  EXPECT_EQ(b.assignee_id, second->id);
  // A week on, each holds one week-old request (weight 1 + 1 week = 2): a tie goes to the first.
  clock_->advance(7 * 24 * kHour);
  Request c = file("SQ-ZS");
  EXPECT_EQ(c.assignee_id, first.principal->user_id);
  // The first worker finishes both of theirs: the next goes to them.
  ASSERT_TRUE(app_->requests->act(first, a.id, "cancel", {}).ok());
  ASSERT_TRUE(app_->requests->act(first, c.id, "cancel", {}).ok());
  EXPECT_EQ(file("SQ-ZS").assignee_id, first.principal->user_id);
}

}  // namespace
}  // namespace linli::requests

namespace linli::requests {
namespace {

TEST_F(RequestDeadlinesTest, ClosingTheLoopAutoCloseFollowUpAndTheReopenWindow) {
  Caller worker = as("grid_worker"), resident = as("resident");
  auto resolve = [&](const Request& r) {
    ASSERT_TRUE(app_->requests->act(worker, r.id, "start", {}).ok());
    ASSERT_TRUE(app_->requests->act(worker, r.id, "resolve", {.note = "已处理"}).ok());
  };
  Request unrated = file("SQ-WX"), low = file("SQ-WX"), late = file("SQ-WX");
  resolve(unrated);
  resolve(low);
  resolve(late);

  ASSERT_TRUE(
      app_->requests->act(resident, low.id, "rate", {.comment = "没解决", .rating = 1}).ok());
  ASSERT_TRUE(app_->requests->act(resident, late.id, "rate", {.rating = 4}).ok());

  // Nobody rates: closed by itself after seven days, once; the rated ones are left alone.
  runUntil("2026-11-30T08:59+08:00");
  EXPECT_EQ(reload(unrated.id).status, "resolved");
  runUntil("2026-11-30T09:00+08:00");
  EXPECT_EQ(reload(unrated.id).status, "closed");
  EXPECT_EQ(kinds(unrated.id).back(), "close");
  EXPECT_EQ(kinds(late.id).back(), "rate");

  // The low rating planned a follow-up visit by the community's staff.
  Caller staff = as("community_staff");
  auto mine = app_->requests->followups(staff, true, true);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].request_id, low.id);
  EXPECT_EQ(app_->requests->finishFollowup(staff, (*mine)[0].id, "").code(),
            Code::kInvalidArgument);
  ASSERT_TRUE(app_->requests->finishFollowup(staff, (*mine)[0].id, "居民表示灯已修好").ok());
  EXPECT_EQ(app_->requests->finishFollowup(staff, (*mine)[0].id, "again").code(), Code::kConflict);
  EXPECT_TRUE(app_->requests->followups(staff, true, true)->empty());
  EXPECT_EQ(kinds(low.id).back(), "followup");

  // Reopening is allowed for seven days after the end, then refused.
  clock_->set(*parseIso8601("2026-12-02T10:01+08:00"));
  auto refused = app_->requests->act(resident, late.id, "reopen", {.reason = "又坏了"});
  EXPECT_EQ(refused.status().code(), Code::kConflict);
  EXPECT_EQ(refused.status().field(), "action");
}

}  // namespace
}  // namespace linli::requests
