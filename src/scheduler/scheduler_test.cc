#include "scheduler/scheduler.h"

#include <gtest/gtest.h>

#include <thread>

#include "storage/migrations.h"
#include "storage/sqlite/sqlite_db.h"
#include "testing/temp_dir.h"

namespace linli::scheduler {
namespace {

constexpr TimeMs kStart = 1795345062000;
constexpr TimeMs kMinute = 60 * 1000;

class SchedulerTest : public ::testing::Test {
 protected:
  void SetUp() override { db_ = open(); }
  std::unique_ptr<storage::Db> open() {
    auto db = storage::openSqlite({.path = dir_.path() + "/linli.db"});
    EXPECT_TRUE(db.ok()) << db.status().toString();
    EXPECT_TRUE(storage::migrate(**db, storage::embeddedMigrations()).ok());
    return std::move(*db);
  }
  std::string stateOf(const std::string& kind) {
    std::string state;
    EXPECT_TRUE(db_->read([&](storage::Tx& tx) -> Status {
                     LINLI_ASSIGN_OR_RETURN(
                         auto rows,
                         tx.query("SELECT state FROM jobs WHERE kind = ? ORDER BY id DESC LIMIT 1",
                                  {kind}));
                     if (!rows.empty()) state = rows[0].str(0);
                     return Status::Ok();
                   })
                    .ok());
    return state;
  }
  testing::TempDir dir_;
  std::unique_ptr<storage::Db> db_;
  SimulatedClock clock_{kStart};
};

TEST_F(SchedulerTest, RunsOnlyWhenDueAndOnlyOnce) {
  Scheduler s(*db_, clock_, {.node_id = "a"});
  int runs = 0;
  s.registerHandler("remind", [&](const Job&) {
    ++runs;
    return Status::Ok();
  });
  ASSERT_TRUE(*s.schedule("remind", "elevator-7", kStart + 10 * kMinute));
  EXPECT_EQ(*s.runDue(), 0);
  clock_.advance(10 * kMinute);
  EXPECT_EQ(*s.runDue(), 1);
  EXPECT_EQ(*s.runDue(), 0);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(stateOf("remind"), "done");
}

// Transactional jobs run in one transaction per batch; a failing one rolls
// back its own writes only and is retried; the others' writes commit with them.
TEST_F(SchedulerTest, TransactionalJobsRunInBatchesAndFailAlone) {
  Scheduler s(*db_, clock_, {.node_id = "a", .batch = 4});
  ASSERT_TRUE(db_->write([](storage::Tx& tx) {
                   return tx.execScript("CREATE TABLE marks (job TEXT NOT NULL)");
                 })
                  .ok());
  int calls = 0;
  s.registerTxHandler(
      "mark",
      [&](storage::Tx& tx, const Job& job) -> Status {
        ++calls;
        LINLI_TRY(tx.exec("INSERT INTO marks (job) VALUES (?)", {job.key}).status());
        if (job.key == "bad" && job.attempts == 1) return internalError("first try fails");
        return Status::Ok();
      },
      {.max_attempts = 3, .first_backoff_ms = 1000});
  for (const char* key : {"a", "b", "bad", "c", "d", "e"})
    ASSERT_TRUE(*s.schedule("mark", key, kStart));
  EXPECT_EQ(*s.runDue(), 6);  // two transactions: 4 + 2
  auto marks = [&] {
    std::vector<std::string> out;
    EXPECT_TRUE(db_->read([&](storage::Tx& tx) -> Status {
                     LINLI_ASSIGN_OR_RETURN(auto rows,
                                            tx.query("SELECT job FROM marks ORDER BY job", {}));
                     for (const auto& r : rows) out.push_back(r.str(0));
                     return Status::Ok();
                   })
                    .ok());
    return out;
  };
  EXPECT_EQ(marks(), (std::vector<std::string>{"a", "b", "c", "d", "e"}));
  EXPECT_EQ(*s.runDue(), 0);  // the failed one waits for its back-off
  clock_.advance(1000);
  EXPECT_EQ(*s.runDue(), 1);
  EXPECT_EQ(marks(), (std::vector<std::string>{"a", "b", "bad", "c", "d", "e"}));
  EXPECT_EQ(*s.runDue(), 0);
  EXPECT_EQ(calls, 7);
}

TEST_F(SchedulerTest, SchedulingTheSameDueTimeTwiceIsOneJob) {
  Scheduler s(*db_, clock_, {.node_id = "a"});
  int runs = 0;
  s.registerHandler("remind", [&](const Job&) {
    ++runs;
    return Status::Ok();
  });
  EXPECT_TRUE(*s.schedule("remind", "elevator-7", kStart));
  EXPECT_FALSE(*s.schedule("remind", "elevator-7", kStart));
  EXPECT_EQ(*s.runDue(), 1);
  // Asking again after it ran (e.g. after a restart) does not run it again.
  EXPECT_FALSE(*s.schedule("remind", "elevator-7", kStart));
  EXPECT_EQ(*s.runDue(), 0);
  EXPECT_EQ(runs, 1);
}

TEST_F(SchedulerTest, RetriesWithBackoffThenGivesUp) {
  Scheduler s(*db_, clock_, {.node_id = "a"});
  std::vector<TimeMs> attempts_at;
  s.registerHandler("flaky",
                    [&](const Job&) {
                      attempts_at.push_back(clock_.now());
                      return Status(Code::kUnavailable, "gateway down");
                    },
                    {.max_attempts = 3, .first_backoff_ms = 1000});
  ASSERT_TRUE(s.schedule("flaky", "", kStart).ok());
  EXPECT_EQ(*s.runDue(), 1);
  EXPECT_EQ(*s.runDue(), 0);  // waits for its back-off
  clock_.advance(1000);
  EXPECT_EQ(*s.runDue(), 1);
  clock_.advance(1999);
  EXPECT_EQ(*s.runDue(), 0);  // second back-off is 2 s
  clock_.advance(1);
  EXPECT_EQ(*s.runDue(), 1);
  clock_.advance(3600 * 1000);
  EXPECT_EQ(*s.runDue(), 0);
  EXPECT_EQ(attempts_at, (std::vector<TimeMs>{kStart, kStart + 1000, kStart + 3000}));
  EXPECT_EQ(stateOf("flaky"), "failed");
}

TEST_F(SchedulerTest, RecurringJobsScheduleTheirNextRunAndSkipMissedOnes) {
  Scheduler s(*db_, clock_, {.node_id = "a"});
  int runs = 0;
  s.registerHandler("hourly",
                    [&](const Job&) {
                      ++runs;
                      return Status::Ok();
                    },
                    {.every = 60 * kMinute});
  ASSERT_TRUE(s.ensureRecurring("hourly", kStart).ok());
  ASSERT_TRUE(s.ensureRecurring("hourly", kStart + 5).ok());  // already pending: no second chain
  EXPECT_EQ(*s.runDue(), 1);
  clock_.advance(5 * 60 * kMinute + 1);  // five hours late: runs once, not five times
  EXPECT_EQ(*s.runDue(), 1);
  EXPECT_EQ(*s.runDue(), 0);
  EXPECT_EQ(runs, 2);
}

TEST_F(SchedulerTest, SurvivesARestartAndTakesOverAnExpiredLease) {
  int runs_a = 0;
  {
    Scheduler a(*db_, clock_, {.node_id = "a", .lease_ms = 5 * kMinute});
    a.registerHandler("job", [&](const Job&) {
      ++runs_a;
      return Status::Ok();
    });
    ASSERT_TRUE(a.schedule("job", "k", kStart + kMinute).ok());
  }
  // A new process (fresh Db and Scheduler) finds the job and runs it once.
  auto db2 = open();
  Scheduler b(*db2, clock_, {.node_id = "b"});
  int runs_b = 0;
  b.registerHandler("job", [&](const Job&) {
    ++runs_b;
    return Status::Ok();
  });
  clock_.advance(kMinute);
  EXPECT_EQ(*b.runDue(), 1);
  Scheduler c(*db2, clock_, {.node_id = "c"});
  c.registerHandler("job", [&](const Job&) { return Status::Ok(); });
  EXPECT_EQ(*c.runDue(), 0);
  EXPECT_EQ(runs_a, 0);
  EXPECT_EQ(runs_b, 1);
}

TEST_F(SchedulerTest, TwoNodesNeverRunOneJobTwice) {
  constexpr int kJobs = 200;
  for (int i = 0; i < kJobs; ++i)
    ASSERT_TRUE(
        Scheduler(*db_, clock_, {.node_id = "x"}).schedule("job", std::to_string(i), kStart).ok());
  std::atomic<int> runs{0};
  std::vector<std::atomic<int>> per_job(kJobs);
  auto handler = [&](const Job& j) {
    runs++;
    per_job[std::stoi(j.key)]++;
    return Status::Ok();
  };
  auto db2 = open();
  Scheduler a(*db_, clock_, {.node_id = "a"});
  Scheduler b(*db2, clock_, {.node_id = "b"});
  a.registerHandler("job", handler);
  b.registerHandler("job", handler);
  std::thread ta([&] { (void)a.runDue(); });
  std::thread tb([&] { (void)b.runDue(); });
  ta.join();
  tb.join();
  EXPECT_EQ(runs.load(), kJobs);
  for (int i = 0; i < kJobs; ++i) EXPECT_EQ(per_job[i].load(), 1) << i;
}

}  // namespace
}  // namespace linli::scheduler
