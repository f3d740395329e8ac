// The demo's past year: a few hundred requests (for a small demo) over at least
// ten months before the clock's now, nearly all closed and rated 1–5, a few
// resolved in the last week, none open; written without jobs, messages or
// audit lines; and the classifier, started on them, still tells a lift from a
// repair.
#include "demo/history.h"

#include <gtest/gtest.h>

#include <set>

#include "common/civil_date.h"
#include "demo/demo.h"
#include "testing/demo_app.h"

namespace linli::demo {
namespace {

TEST(DemoHistory, AYearOfClosedRequestsAndNoneOpen) {
  testing::TempDir dir;
  const TimeMs now = *parseIso8601("2026-12-02T10:00+08:00");
  auto opened = app::openApp({.data_dir = dir.path()}, std::make_unique<SimulatedClock>(now));
  ASSERT_TRUE(opened.ok()) << opened.status().toString();
  app::App& a = **opened;
  auto loaded = loadDemo(*a.db, *a.registry, *a.auth, *a.clock, 300, a.requests);
  ASSERT_TRUE(loaded.ok()) << loaded.status().toString();
  EXPECT_EQ(loaded->history, historySize(300));
  EXPECT_GE(loaded->history, 400);

  int64_t closed = 0, resolved = 0, other = 0, rated = 0, low = 0, jobs = 0, messages = 0,
          audited = 0, bad_timeline = 0;
  std::set<std::pair<int, int>> months;
  std::set<std::string> categories;
  ASSERT_TRUE(a.db->read([&](storage::Tx& tx) -> Status {
                    LINLI_ASSIGN_OR_RETURN(
                        auto rows, tx.query("SELECT status, rating, created_at, resolved_at, "
                                            "closed_at, category_code FROM requests",
                                            {}));
                    for (const auto& r : rows) {
                      const std::string status = r.str(0);
                      EXPECT_LT(r.i64(2), now);
                      const CivilDate d = dateAt(r.i64(2));
                      months.insert({d.year, d.month});
                      categories.insert(r.str(5));
                      if (status == "closed") {
                        ++closed;
                        EXPECT_LT(r.i64(4), now);
                      } else if (status == "resolved") {
                        ++resolved;
                        EXPECT_TRUE(r.isNull(1)) << "a resolved one awaits its rating";
                        EXPECT_GT(r.i64(3), now - 7 * 24 * 3600 * 1000LL) << "resolved this week";
                      } else {
                        ++other;
                      }
                      if (!r.isNull(1)) {
                        ++rated;
                        EXPECT_GE(r.i64(1), 1);
                        EXPECT_LE(r.i64(1), 5);
                        if (r.i64(1) <= 2) ++low;
                      }
                    }
                    // Each timeline starts submitted and ends where the request is.
                    LINLI_ASSIGN_OR_RETURN(
                        auto off, tx.query("SELECT COUNT(*) FROM requests r WHERE "
                                           "(SELECT kind FROM request_events WHERE request_id = "
                                           "r.id ORDER BY id LIMIT 1) IS NOT 'submitted' OR "
                                           "(SELECT to_status FROM request_events WHERE "
                                           "request_id = r.id ORDER BY id DESC LIMIT 1) IS NOT "
                                           "r.status",
                                           {}));
                    bad_timeline = off.front().i64(0);
                    LINLI_ASSIGN_OR_RETURN(auto j, tx.query("SELECT COUNT(*) FROM jobs WHERE "
                                                            "kind LIKE 'requests.%'",
                                                            {}));
                    jobs = j.front().i64(0);
                    LINLI_ASSIGN_OR_RETURN(auto m, tx.query("SELECT COUNT(*) FROM messages", {}));
                    messages = m.front().i64(0);
                    LINLI_ASSIGN_OR_RETURN(auto l, tx.query("SELECT COUNT(*) FROM audit_log WHERE "
                                                            "target_type = 'request'",
                                                            {}));
                    audited = l.front().i64(0);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(other, 0) << "the history adds no open request";
  EXPECT_EQ(closed + resolved, loaded->history);
  EXPECT_GE(closed, loaded->history * 95 / 100);
  EXPECT_GE(resolved, 1);
  EXPECT_GE(months.size(), 10u);
  EXPECT_GE(categories.size(), 15u);
  EXPECT_GE(rated, closed / 2);
  EXPECT_GE(low, 1);
  EXPECT_LE(low, rated / 4) << "most are rated 3–5";
  EXPECT_EQ(bad_timeline, 0);
  EXPECT_EQ(jobs, 0);
  EXPECT_EQ(messages, 0);
  EXPECT_EQ(audited, 0);

  // The classifier learns from them at start and still tells a lift from a repair.
  for (auto& m : a.modules) ASSERT_TRUE(m->start().ok());
  const Caller worker = testing::demoCaller(a, "grid_worker");
  for (const auto& [text, code] :
       std::vector<std::pair<std::string, std::string>>{{"我们楼的电梯坏了好几天", "SQ-DT"},
                                                        {"电梯又坏了好几天", "SQ-DT"},
                                                        {"楼下垃圾好几天没人清理", "SR-LJ"}}) {
    auto s = a.requests->classify(worker, text);
    ASSERT_TRUE(s.ok()) << s.status().toString();
    ASSERT_FALSE(s->categories.empty());
    EXPECT_EQ(s->categories.front().code, code) << text;
  }
}

TEST(DemoHistory, ThePastStaysBeforeNowAndIsDeterministic) {
  const TimeMs now = *parseIso8601("2026-12-02T10:00+08:00");
  std::vector<HistoryPlace> places = {{{1, 2, 3}, "和平社区"}, {{1, 4, 5}, "幸福社区"}};
  std::vector<requests::Category> cats;
  for (const char* c : {"SQ-WX", "SR-LJ", "SQ-DT", "TF-DT"})
    cats.push_back({.code = c, .unit = "grid"});
  HistoryHandlers handlers{.worker_grid = 3,
                           .staff_community = 2,
                           .grid_worker = HistoryHandler{7, "王网格"},
                           .community_staff = HistoryHandler{8, "陈社工"}};
  const auto a = pastRequests(500, now, places, cats, handlers);
  const auto b = pastRequests(500, now, places, cats, handlers);
  ASSERT_EQ(a.size(), 500u);
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].description, b[i].description);
    EXPECT_LT(a[i].closed_at.value_or(a[i].resolved_at), now);
    EXPECT_GE(a[i].created_at, now - 367 * 24 * 3600 * 1000LL);
    EXPECT_LE(a[i].created_at, a[i].started_at);
    EXPECT_LE(a[i].started_at, a[i].resolved_at);
    if (i) {
      EXPECT_LE(a[i - 1].created_at, a[i].created_at);
    }
    // Only the accounts' community has named handlers (here no department).
    if (a[i].place.community_id != 2) {
      EXPECT_FALSE(a[i].assignee_id);
    }
  }
}

}  // namespace
}  // namespace linli::demo
