// Visit plans in simulated time: a rule puts residents on the worker's list,
// a recorded visit moves the next one a period on, a concern files a request,
// and a visit more than two days late alerts the community admin once.
#include "visits/visits.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/app.h"
#include "demo/demo.h"
#include "testing/demo_app.h"

namespace linli::visits {
namespace {

class VisitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(
        app_.open({.now = "2026-11-23T10:00+08:00", .residents = 400, .start = true}));
    clock_ = &app_.clock();
    worker_ = app_.as("grid_worker");
    admin_ = app_.as("community_admin");
    street_ = app_.as("street_admin");
  }
  // The street's default rules removed, so a test's own rule is alone.
  void removeDefaults() {
    auto rules = app_->visits->rules(street_);
    ASSERT_TRUE(rules.ok()) << rules.status().toString();
    for (const Rule& r : *rules) ASSERT_TRUE(app_->visits->removeRule(street_, r.id).ok());
  }
  testing::DemoApp app_;
  SimulatedClock* clock_ = nullptr;
  Caller worker_, admin_, street_;
};

// A street starts with the default rules: the demo grid worker has visits due
// today without anyone writing a rule; the street admin may remove them (a
// community admin may not), and a restart does not bring them back.
TEST_F(VisitsTest, TheStreetStartsWithDefaultRulesItMayRemove) {
  auto rules = app_->visits->rules(worker_);
  ASSERT_TRUE(rules.ok()) << rules.status().toString();
  std::vector<std::string> names;
  for (const Rule& r : *rules) {
    names.push_back(r.name);
    EXPECT_FALSE(r.community_id) << "a default rule is the street's";
    EXPECT_TRUE(r.active);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"独居且80岁以上：每周", "残疾：每月", "低保：每月",
                                             "留守儿童：每月"}));
  EXPECT_EQ(rules->front().every_days, 7);
  auto due = app_->visits->due(street_, std::nullopt);  // 400 residents: a grid may have none
  ASSERT_TRUE(due.ok()) << due.status().toString();
  ASSERT_GT(due->total, 0) << "visits due on day one";
  for (const DueVisit& d : due->items) {
    EXPECT_EQ(d.due_on, (CivilDate{2026, 11, 23})) << "never visited: due today";
    EXPECT_FALSE(d.rules.empty());
  }

  const int64_t first = rules->front().id;
  EXPECT_EQ(app_->visits->removeRule(admin_, first).code(), Code::kPermissionDenied);
  EXPECT_EQ(app_->visits->removeRule(worker_, first).code(), Code::kPermissionDenied);
  ASSERT_TRUE(app_->visits->removeRule(street_, first).ok());
  EXPECT_EQ(app_->visits->removeRule(street_, first).code(), Code::kNotFound);
  ASSERT_TRUE(app_->visits->seedDefaultRules().ok());  // as at the next start
  EXPECT_EQ(app_->visits->rules(street_)->size(), 3u) << "a removed default stays removed";
}

// A street created while serving gets its defaults when it is first read.
TEST_F(VisitsTest, AStreetCreatedLaterHasTheDefaultsToo) {
  auto street = storage::writeResult<int64_t>(*app_->db, [&](storage::Tx& tx) {
    return app_->registry->addStreet(tx, "330106002000", "新建街道");
  });
  ASSERT_TRUE(street.ok()) << street.status().toString();
  auto user = app_->auth->addUserAsOperator({"new_street_admin", "新街道", demo::kDemoPassword,
                                             "street_admin", Scope{ScopeKind::kStreet, *street}});
  ASSERT_TRUE(user.ok()) << user.status().toString();
  auto rules = app_->visits->rules(app_.as("new_street_admin"));
  ASSERT_TRUE(rules.ok()) << rules.status().toString();
  EXPECT_EQ(rules->size(), 4u);
  EXPECT_EQ(app_->visits->rules(street_)->size(), 4u) << "the demo street's are its own";
}

TEST_F(VisitsTest, RulesMakeTheListVisitsMoveItAndMissedOnesAlertOnce) {
  ASSERT_NO_FATAL_FAILURE(removeDefaults());
  EXPECT_EQ(app_->visits->addRule(worker_, "x", nlohmann::json::object(), 7).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(app_->visits->addRule(admin_, "x", {{"age_min", "old"}}, 7).status().field(),
            "filter.age_min");
  auto rule = app_->visits->addRule(admin_, "60岁以上：每周", {{"age_min", 60}}, 7);
  ASSERT_TRUE(rule.ok()) << rule.status().toString();

  auto due = app_->visits->due(worker_, std::nullopt);
  ASSERT_TRUE(due.ok()) << due.status().toString();
  ASSERT_FALSE(due->items.empty());
  EXPECT_EQ(due->total, static_cast<int64_t>(due->items.size()));
  const DueVisit first = due->items.front();
  EXPECT_FALSE(first.name.empty());
  EXPECT_GE(first.age, 60);
  EXPECT_EQ(first.due_on, (CivilDate{2026, 11, 23}));  // never visited: due today
  EXPECT_EQ(first.rules, std::vector<std::string>{"60岁以上：每周"});

  // A visit with a concern files a request for the household and moves the next visit a week on.
  NewVisit v{.resident_id = first.resident_id,
             .outcome = "met",
             .notes = "身体尚可",
             .concern = "卫生间扶手松动，需要维修",
             .concern_category = "SQ-WX"};
  auto visit = app_->visits->record(worker_, v);
  ASSERT_TRUE(visit.ok()) << visit.status().toString();
  ASSERT_TRUE(visit->request_id);
  EXPECT_EQ(visit->request_number.substr(0, 5), "SQ-WX");
  auto req = app_->requests->get(worker_, *visit->request_id);
  ASSERT_TRUE(req.ok());
  EXPECT_EQ(req->household_id, first.household_id);
  // The list is kept in a variable: iterating `due(...)->items` directly read a destroyed Result.
  auto next = app_->visits->due(worker_, std::nullopt);
  ASSERT_TRUE(next.ok());
  auto listed = std::find_if(next->items.begin(), next->items.end(),
                             [&](const auto& d) { return d.resident_id == first.resident_id; });
  ASSERT_NE(listed, next->items.end()) << "the resident's next visit is listed";
  EXPECT_EQ(listed->due_on, (CivilDate{2026, 11, 30}));
  EXPECT_EQ(app_->visits->record(worker_, {.resident_id = first.resident_id, .outcome = "slept"})
                .status()
                .field(),
            "outcome");

  // Ten days later: everyone else is more than two days late; the admin hears once.
  clock_->set(*parseIso8601("2026-12-03T09:00+08:00"));
  auto told = app_->visits->alertMissed();
  ASSERT_TRUE(told.ok()) << told.status().toString();
  EXPECT_EQ(*told, 1);
  auto inbox = app_->notify->inbox(admin_, false, 1, 10);
  ASSERT_EQ(inbox->items.size(), 1u);
  EXPECT_NE(inbox->items[0].subject.find("走访已逾期"), std::string::npos);
  EXPECT_EQ(*app_->visits->alertMissed(), 0);  // the same due dates: nobody told twice

  // Not visited for 7 days: the visited resident is among them again (10 days), first in line
  // are those never visited.
  auto stale = app_->visits->stale(worker_, 7);
  ASSERT_TRUE(stale.ok());
  ASSERT_FALSE(stale->items.empty());
  EXPECT_FALSE(stale->items.front().days_since);
  bool visited_listed = false;
  for (const auto& s : stale->items)
    if (s.resident_id == first.resident_id) visited_listed = s.days_since == 10;
  EXPECT_TRUE(visited_listed);
}

// A community's list has no cut-off: pages cover it whole, in due order, and
// the overdue count is the whole list's.
TEST_F(VisitsTest, PagesCoverTheWholeListInDueOrder) {
  ASSERT_TRUE(app_->visits->addRule(admin_, "所有居民：每天", nlohmann::json::object(), 1).ok());
  auto whole = app_->visits->due(admin_, std::nullopt, 1, 200);
  ASSERT_TRUE(whole.ok()) << whole.status().toString();
  ASSERT_GT(whole->total, 7);
  // One resident visited, due again the next day: three days on, the only one overdue (the
  // never-visited are due today).
  const int64_t visited = whole->items[3].resident_id;
  ASSERT_TRUE(app_->visits->record(worker_, {.resident_id = visited, .outcome = "met"}).ok());
  clock_->set(*parseIso8601("2026-11-26T10:00+08:00"));
  std::vector<DueVisit> seen;
  int64_t total = 0, overdue = 0;
  for (int page = 1;; ++page) {
    auto p = app_->visits->due(admin_, std::nullopt, page, 7);
    ASSERT_TRUE(p.ok()) << p.status().toString();
    total = p->total;
    overdue = p->overdue;
    if (p->items.empty()) break;
    for (auto& d : p->items) seen.push_back(d);
  }
  ASSERT_EQ(static_cast<int64_t>(seen.size()), total);
  EXPECT_EQ(overdue, 1);
  EXPECT_EQ(seen.front().resident_id, visited);
  for (size_t i = 1; i < seen.size(); ++i) EXPECT_LE(seen[i - 1].due_on, seen[i].due_on);
  EXPECT_EQ(app_->visits->due(admin_, std::nullopt, 0, 7).status().field(), "page");
  EXPECT_EQ(app_->visits->due(admin_, std::nullopt, 1, 201).status().field(), "page_size");
  auto stale = app_->visits->stale(admin_, 5, 2, 5);  // visited 3 days ago: not stale
  ASSERT_TRUE(stale.ok());
  EXPECT_EQ(stale->total, total - 1);
  EXPECT_EQ(stale->items.size(), 5u);
}

}  // namespace
}  // namespace linli::visits
