#include "scheduler/scheduler.h"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "storage/migrations.h"
#include "storage/sqlite/sqlite_db.h"
#include "testing/temp_dir.h"

namespace linli::scheduler {
namespace {

constexpr TimeMs kStart = 1795345062000;
constexpr TimeMs kMinute = 60 * 1000;
constexpr auto kPatience = std::chrono::seconds(20);  // a deadline, not a pause

// `parties` threads pass together, or the deadline ends the wait (false).
class Gate {
 public:
  explicit Gate(int parties) : left_(parties) {}
  bool arriveAndWait() {
    std::unique_lock lock(mu_);
    if (--left_ <= 0) {
      cv_.notify_all();
      return true;
    }
    return cv_.wait_for(lock, kPatience, [this] { return left_ <= 0; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int left_;
};

// A one-shot signal.
class Event {
 public:
  void set() {
    std::lock_guard lock(mu_);
    set_ = true;
    cv_.notify_all();
  }
  bool wait() {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, kPatience, [this] { return set_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool set_ = false;
};

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
  struct Row {
    std::string state, locked_by;
    int64_t attempts = 0;
    bool operator==(const Row&) const = default;
  };
  friend std::ostream& operator<<(std::ostream& os, const Row& r) {
    return os << r.state << " by " << r.locked_by << " after " << r.attempts << " attempts";
  }
  Row rowOf(const std::string& kind) {
    Row row;
    EXPECT_TRUE(db_->read([&](storage::Tx& tx) -> Status {
                     LINLI_ASSIGN_OR_RETURN(
                         auto rows, tx.query("SELECT state, COALESCE(locked_by, ''), attempts "
                                             "FROM jobs WHERE kind = ? ORDER BY id DESC LIMIT 1",
                                             {kind}));
                     if (!rows.empty()) row = {rows[0].str(0), rows[0].str(1), rows[0].i64(2)};
                     return Status::Ok();
                   })
                    .ok());
    return row;
  }
  // What a restarted process has: its Scheduler objects are gone, and it
  // opens the database file again.
  void restart() {
    db_.reset();
    db_ = open();
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
  int runs = 0;
  {
    Scheduler s(*db_, clock_, {.node_id = "a"});
    s.registerHandler("remind", [&](const Job&) {
      ++runs;
      return Status::Ok();
    });
    EXPECT_TRUE(*s.schedule("remind", "elevator-7", kStart));
    EXPECT_FALSE(*s.schedule("remind", "elevator-7", kStart));
    EXPECT_EQ(*s.runDue(), 1);
    EXPECT_FALSE(*s.schedule("remind", "elevator-7", kStart));
    EXPECT_EQ(*s.runDue(), 0);
  }
  EXPECT_EQ(runs, 1);
  // After a restart: a new Scheduler on the database file opened again, with
  // nothing in memory from the first, asks for the same job once more.
  restart();
  Scheduler again(*db_, clock_, {.node_id = "a"});
  int runs_after = 0;
  again.registerHandler("remind", [&](const Job&) {
    ++runs_after;
    return Status::Ok();
  });
  EXPECT_FALSE(*again.schedule("remind", "elevator-7", kStart));
  EXPECT_EQ(*again.runDue(), 0);
  clock_.advance(60 * kMinute);
  EXPECT_EQ(*again.runDue(), 0);
  EXPECT_EQ(runs_after, 0);
  EXPECT_EQ(rowOf("remind"), (Row{"done", "a", 1}));
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

TEST_F(SchedulerTest, AJobScheduledBeforeARestartRunsOnceAfterIt) {
  int runs_before = 0;
  {
    Scheduler a(*db_, clock_, {.node_id = "a"});
    a.registerHandler("job", [&](const Job&) {
      ++runs_before;
      return Status::Ok();
    });
    ASSERT_TRUE(a.schedule("job", "k", kStart + kMinute).ok());
    EXPECT_EQ(*a.runDue(), 0);  // not yet due
  }
  restart();
  Scheduler b(*db_, clock_, {.node_id = "b"});
  int runs_after = 0;
  b.registerHandler("job", [&](const Job&) {
    ++runs_after;
    return Status::Ok();
  });
  EXPECT_EQ(*b.runDue(), 0);
  clock_.advance(kMinute);
  EXPECT_EQ(*b.runDue(), 1);
  EXPECT_EQ(*b.runDue(), 0);
  EXPECT_EQ(runs_before, 0);
  EXPECT_EQ(runs_after, 1);
  EXPECT_EQ(rowOf("job"), (Row{"done", "b", 1}));
}

// Node a claims the job and hangs in its handler (as good as dead: it holds
// the lease and never finishes in time). Node b, on its own connection, may
// not take the job while the lease lasts, takes it over when it ends, and a's
// late finish does not undo b's.
TEST_F(SchedulerTest, TakesOverAnExpiredLeaseOnlyWhenItEnds) {
  constexpr TimeMs kLease = 5 * kMinute;
  Scheduler a(*db_, clock_, {.node_id = "a", .lease_ms = kLease});
  Event a_claimed, a_may_return;
  std::atomic<int> runs_a{0};
  a.registerHandler("job", [&](const Job&) {
    ++runs_a;
    a_claimed.set();
    (void)a_may_return.wait();
    return Status::Ok();
  });
  ASSERT_TRUE(a.schedule("job", "k", kStart).ok());
  int ran_a = -1;
  std::thread node_a([&] {
    auto r = a.runDue();
    ran_a = r.ok() ? *r : -1;
  });
  struct Release {  // lets a return and joins it, also when an ASSERT ends the test
    Event& go;
    std::thread& t;
    ~Release() {
      go.set();
      if (t.joinable()) t.join();
    }
  } release{a_may_return, node_a};
  ASSERT_TRUE(a_claimed.wait()) << "node a never claimed the job";
  EXPECT_EQ(rowOf("job"), (Row{"running", "a", 1}));

  auto db_b = open();
  Scheduler b(*db_b, clock_, {.node_id = "b", .lease_ms = kLease});
  std::vector<int> attempts_b;
  b.registerHandler("job", [&](const Job& job) {
    attempts_b.push_back(job.attempts);
    return Status::Ok();
  });
  EXPECT_EQ(*b.runDue(), 0);  // a holds the lease
  clock_.advance(kLease - 1);
  EXPECT_EQ(*b.runDue(), 0);  // a millisecond before it ends
  EXPECT_EQ(rowOf("job"), (Row{"running", "a", 1}));
  clock_.advance(1);
  EXPECT_EQ(*b.runDue(), 1);
  EXPECT_EQ(attempts_b, std::vector<int>{2});  // the second attempt: a's was the first
  EXPECT_EQ(rowOf("job"), (Row{"done", "b", 2}));

  // a comes back to life and finishes: the job stays b's, and runs no more.
  a_may_return.set();
  node_a.join();
  EXPECT_EQ(ran_a, 1);
  EXPECT_EQ(rowOf("job"), (Row{"done", "b", 2}));
  clock_.advance(kLease);
  EXPECT_EQ(*a.runDue(), 0);
  EXPECT_EQ(*b.runDue(), 0);
  EXPECT_EQ(runs_a.load(), 1);
  EXPECT_EQ(attempts_b.size(), 1u);
}

// Two nodes on their own connections claim from the same jobs at the same
// time: both start behind a gate, and each node's first job waits until the
// other node is running a job too, so neither can drain the queue alone.
TEST_F(SchedulerTest, TwoNodesRunningAtOnceNeverRunOneJobTwice) {
  constexpr int kJobs = 200;
  for (int i = 0; i < kJobs; ++i)
    ASSERT_TRUE(
        Scheduler(*db_, clock_, {.node_id = "x"}).schedule("job", std::to_string(i), kStart).ok());
  std::vector<std::atomic<int>> per_job(kJobs);
  std::array<std::atomic<int>, 2> per_node{};
  Gate start(2), both_running(2);
  std::atomic<bool> met{true};
  auto handler = [&](int node) {
    return [&, node](const Job& j) {
      if (per_node[node]++ == 0 && !both_running.arriveAndWait()) met = false;
      per_job[std::stoi(j.key)]++;
      return Status::Ok();
    };
  };
  auto db2 = open();
  Scheduler a(*db_, clock_, {.node_id = "a"});
  Scheduler b(*db2, clock_, {.node_id = "b"});
  a.registerHandler("job", handler(0));
  b.registerHandler("job", handler(1));
  Result<int> ran_a = 0, ran_b = 0;
  std::thread ta([&] {
    (void)start.arriveAndWait();
    ran_a = a.runDue();
  });
  std::thread tb([&] {
    (void)start.arriveAndWait();
    ran_b = b.runDue();
  });
  ta.join();
  tb.join();
  EXPECT_TRUE(met) << "the two nodes never ran jobs at the same time";
  ASSERT_TRUE(ran_a.ok() && ran_b.ok());
  EXPECT_GE(*ran_a, 1);
  EXPECT_GE(*ran_b, 1);
  EXPECT_EQ(*ran_a + *ran_b, kJobs);
  EXPECT_EQ(per_node[0] + per_node[1], kJobs);
  for (int i = 0; i < kJobs; ++i) EXPECT_EQ(per_job[i].load(), 1) << i;
  int done = 0;
  ASSERT_TRUE(db_->read([&](storage::Tx& tx) -> Status {
                   LINLI_ASSIGN_OR_RETURN(
                       auto rows, tx.query("SELECT COUNT(*) FROM jobs WHERE state = 'done' AND "
                                           "attempts = 1",
                                           {}));
                   done = static_cast<int>(rows[0].i64(0));
                   return Status::Ok();
                 })
                  .ok());
  EXPECT_EQ(done, kJobs);
}

}  // namespace
}  // namespace linli::scheduler
