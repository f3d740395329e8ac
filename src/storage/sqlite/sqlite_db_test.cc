#include "storage/sqlite/sqlite_db.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>
#include <vector>

#include "storage/sqlite/wal_syncer.h"

namespace linli::storage {
namespace {

std::string tempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("linli-sqlite-test-" + std::to_string(::getpid()) + "-" + name))
      .string();
}

// Rows in table t, or -1 when they cannot be read.
int64_t rowsOfT(Db& db) {
  auto n = readResult<int64_t>(db, [](Tx& tx) -> Result<int64_t> {
    LINLI_ASSIGN_OR_RETURN(auto row, singleRow(tx.query("SELECT COUNT(*) FROM t", {}), "count"));
    return row.i64(0);
  });
  return n.ok() ? *n : -1;
}

// Waits for what WalSyncer::committed() was given to run.
struct Flushed {
  std::promise<Status> promise;
  std::function<void(const Status&)> then() {
    return [this](const Status& st) { promise.set_value(st); };
  }
};

TEST(WalSyncer, EveryCommitIsAnsweredInOrder) {
  const std::string path = tempPath("wal");
  std::ofstream(path) << "frames";
  std::vector<int> order;
  int ok = 0;
  {
    WalSyncer syncer(path);
    for (int i = 0; i < 400; ++i)
      syncer.committed([&, i](const Status& st) {
        order.push_back(i);  // one thread runs them all
        if (st.ok()) ++ok;
      });
  }  // the destructor flushes what is left
  EXPECT_EQ(ok, 400);
  ASSERT_EQ(order.size(), 400u);
  EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));
  std::filesystem::remove(path);
}

TEST(WalSyncer, AFailedFlushFailsWhatItCovered) {
  WalSyncer syncer(tempPath("no-such-wal"));
  Flushed flushed;
  syncer.committed(flushed.then());
  Status st = flushed.promise.get_future().get();
  EXPECT_EQ(st.code(), Code::kUnavailable);
  EXPECT_NE(st.message().find("write-ahead log"), std::string::npos);
}

// After a failed flush a later successful fdatasync proves nothing (the kernel
// reports a lost write once): nothing is acknowledged until a recovery (the
// checkpoint into the flushed database file) succeeds, then flushes acknowledge again.
TEST(WalSyncer, AfterAFailedFlushNothingIsAcknowledgedUntilARecoverySucceeds) {
  const std::string path = tempPath("wal-eio");
  std::ofstream(path) << "frames";
  std::atomic<int> syncs = 0, recoveries = 0;
  WalSyncer syncer(
      path,
      [&]() -> Status {
        return ++recoveries == 1 ? Status(Code::kUnavailable, "checkpoint: disk I/O error")
                                 : Status::Ok();
      },
      [&](int) {
        if (++syncs > 1) return 0;
        errno = EIO;
        return -1;
      });
  auto commit = [&] {
    Flushed f;
    syncer.committed(f.then());
    return f.promise.get_future().get();
  };
  Status a = commit();
  EXPECT_EQ(a.code(), Code::kUnavailable);
  EXPECT_NE(a.message().find("未能确认"), std::string::npos) << a.message();
  EXPECT_EQ(recoveries.load(), 0);
  Status b = commit();  // fdatasync succeeds, but the recovery does not
  EXPECT_EQ(b.code(), Code::kUnavailable) << b.toString();
  EXPECT_EQ(recoveries.load(), 1);
  EXPECT_TRUE(commit().ok());  // recovered
  EXPECT_EQ(recoveries.load(), 2);
  EXPECT_TRUE(commit().ok());  // and flushes alone suffice again
  EXPECT_EQ(recoveries.load(), 2);
  std::filesystem::remove(path);
}

// Writers from many threads share commits; a failing one is rolled back alone
// and every other write is there after the database is opened again.
TEST(SqliteGroupCommit, ConcurrentWritersKeepExactlyTheirSuccessfulWrites) {
  const std::string path = tempPath("group.db");
  {
    auto db = openSqlite({.path = path});
    ASSERT_TRUE(db.ok()) << db.status().toString();
    ASSERT_TRUE((*db)
                    ->write([](Tx& tx) {
                      return tx.execScript("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
                    })
                    .ok());
    std::vector<std::thread> threads;
    std::atomic<int> succeeded = 0, refused = 0;
    for (int t = 0; t < 32; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < 40; ++i) {
          const bool fail = (t * 40 + i) % 10 == 0;
          Status st = (*db)->write([&](Tx& tx) -> Status {
            auto inserted = tx.exec("INSERT INTO t (v) VALUES (?)", {std::string("row")});
            if (!inserted.ok()) return inserted.status();
            if (fail) return invalidArgument("v", "refused after writing");
            return Status::Ok();
          });
          (st.ok() ? succeeded : refused)++;
        }
      });
    for (auto& t : threads) t.join();
    EXPECT_EQ(succeeded.load(), 32 * 40 * 9 / 10);
    EXPECT_EQ(refused.load(), 32 * 40 / 10);
  }
  auto again = openSqlite({.path = path});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(rowsOfT(**again), 32 * 40 * 9 / 10);
  again->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// A full database (here: the writer's max_page_count) ends the whole batch:
// every writer in it hears 503 (Unavailable), even those whose own statements
// succeeded, nothing of the batch is kept, and the next write works again once
// there is room, on the same open database.
TEST(SqliteFaults, AFullDiskFailsTheWholeBatchAndWritesWorkAgainWhenThereIsRoom) {
  const std::string path = tempPath("full.db");
  auto db = openSqlite({.path = path});
  ASSERT_TRUE(db.ok()) << db.status().toString();
  int64_t pages = 0;
  ASSERT_TRUE((*db)
                  ->write([&](Tx& tx) -> Status {
                    LINLI_TRY(tx.execScript("CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB)"));
                    auto rows = tx.query("PRAGMA page_count", {});
                    if (!rows.ok()) return rows.status();
                    pages = rows->front().i64(0);
                    return Status::Ok();
                  })
                  .ok());
  const std::string big(200000, 'x');  // 25 pages of 8 KiB
  auto limit = [&](int64_t n) {
    return (*db)->write([n](Tx& tx) -> Status {
      return tx.query("PRAGMA max_page_count=" + std::to_string(n), {}).status();
    });
  };
  ASSERT_TRUE(limit(pages + 30).ok());
  std::vector<std::thread> threads;
  std::atomic<int> succeeded = 0, unavailable = 0, other = 0;
  for (int t = 0; t < 16; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 4; ++i) {
        Status st = (*db)->write([&](Tx& tx) -> Status {
          return tx.exec("INSERT INTO t (v) VALUES (?)", {big}).status();
        });
        if (st.ok())
          ++succeeded;
        else if (st.code() == Code::kUnavailable &&
                 st.message().find("存储空间已满") != std::string::npos)
          ++unavailable;
        else
          ++other;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_GE(unavailable.load(), 60);
  auto count = [&] { return rowsOfT(**db); };
  EXPECT_EQ(count(), succeeded.load()) << "exactly the acknowledged writes are kept";
  ASSERT_TRUE(limit(1 << 30).ok());
  Status st =
      (*db)->write([&](Tx& tx) { return tx.exec("INSERT INTO t (v) VALUES (?)", {big}).status(); });
  EXPECT_TRUE(st.ok()) << st.toString();
  EXPECT_EQ(count(), succeeded.load() + 1);
  db->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// A WAL flush that fails (EIO) fails the write it covered with 503 "not
// confirmed"; the next write is acknowledged only after the recovery checkpoint
// has copied everything into the database file, which then holds both.
TEST(SqliteFaults, AFailedFlushIsRecoveredByACheckpointBeforeTheNextAcknowledgement) {
  const std::string path = tempPath("eio.db");
  std::atomic<int> syncs = 0;
  std::atomic<bool> failing = false;
  SqliteOptions options{.path = path};
  options.wal_sync = [&](int fd) {
    ++syncs;
    if (failing.exchange(false)) {
      errno = EIO;
      return -1;
    }
    return ::fdatasync(fd);
  };
  {
    auto db = openSqlite(options);
    ASSERT_TRUE(db.ok()) << db.status().toString();
    auto insert = [&](const std::string& v) {
      return (*db)->write(
          [&](Tx& tx) { return tx.exec("INSERT INTO t (v) VALUES (?)", {v}).status(); });
    };
    ASSERT_TRUE((*db)->write([](Tx& tx) { return tx.execScript("CREATE TABLE t (v TEXT)"); }).ok());
    failing = true;
    Status lost = insert("not confirmed");
    EXPECT_EQ(lost.code(), Code::kUnavailable);
    EXPECT_NE(lost.message().find("未能确认"), std::string::npos) << lost.message();
    Status next = insert("after recovery");
    EXPECT_TRUE(next.ok()) << next.toString();
    std::error_code ec;
    EXPECT_EQ(std::filesystem::file_size(path + "-wal", ec), 0u)
        << "the recovery checkpoint (TRUNCATE) emptied the WAL into the database file";
  }
  auto again = openSqlite({.path = path});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(rowsOfT(**again), 2);
  again->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// Asynchronous writes share batches with waiting ones; each is answered
// exactly once, with its own outcome, and closing the database answers the
// ones still queued.
TEST(SqliteGroupCommit, AsynchronousWritesAreAnsweredOnceWithTheirOutcome) {
  const std::string path = tempPath("async.db");
  constexpr int kWrites = 2000;
  std::vector<std::atomic<int>> answered(kWrites);
  std::atomic<int> succeeded = 0, refused = 0;
  {
    auto db = openSqlite({.path = path});
    ASSERT_TRUE(db.ok()) << db.status().toString();
    ASSERT_TRUE(
        (*db)->write([](Tx& tx) { return tx.execScript("CREATE TABLE t (v INTEGER)"); }).ok());
    std::thread waiting([&] {
      for (int i = 0; i < 200; ++i)
        EXPECT_TRUE((*db)
                        ->write([&](Tx& tx) {
                          return tx.exec("INSERT INTO t (v) VALUES (?)", {int64_t{-1}}).status();
                        })
                        .ok());
    });
    for (int i = 0; i < kWrites; ++i)
      (*db)->writeAsync(
          [i](Tx& tx) -> Status {
            LINLI_TRY(tx.exec("INSERT INTO t (v) VALUES (?)", {int64_t{i}}).status());
            return i % 7 == 0 ? invalidArgument("v", "refused after writing") : Status::Ok();
          },
          [&, i](Status st) {
            answered[i]++;
            if (st.ok() == (i % 7 != 0)) (st.ok() ? succeeded : refused)++;
          });
    waiting.join();
  }
  for (int i = 0; i < kWrites; ++i) ASSERT_EQ(answered[i].load(), 1) << "write " << i;
  EXPECT_EQ(refused.load(), (kWrites + 6) / 7);
  EXPECT_EQ(succeeded.load(), kWrites - (kWrites + 6) / 7);
  auto again = openSqlite({.path = path});
  ASSERT_TRUE(again.ok());
  int64_t kept = -1, refused_kept = -1;
  ASSERT_TRUE((*again)
                  ->read([&](Tx& tx) -> Status {
                    auto rows = tx.query(
                        "SELECT COUNT(*), COALESCE(SUM(v >= 0 AND v % 7 = 0), 0) FROM t", {});
                    if (!rows.ok()) return rows.status();
                    kept = rows->front().i64(0);
                    refused_kept = rows->front().i64(1);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(kept, 200 + succeeded.load());
  EXPECT_EQ(refused_kept, 0);
  again->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// Regression: the checkpointing connection had never read the database, so
// it did not know it was in WAL mode and every checkpoint was a no-op; the
// database file only grew when the server stopped.
TEST(SqliteCheckpoints, CommittedPagesReachTheDatabaseFileWhileRunning) {
  const std::string path = tempPath("checkpoint.db");
  {
    auto db = openSqlite({.path = path});
    ASSERT_TRUE(db.ok()) << db.status().toString();
    ASSERT_TRUE((*db)
                    ->write([](Tx& tx) -> Status {
                      LINLI_TRY(tx.execScript("CREATE TABLE t (v TEXT)"));
                      for (int i = 0; i < 500; ++i)
                        LINLI_TRY(tx.exec("INSERT INTO t (v) VALUES (?)",
                                          {std::string(1000, static_cast<char>('a' + i % 26))})
                                      .status());
                      return Status::Ok();
                    })
                    .ok());
    const auto before = std::filesystem::file_size(path);
    auto grown = before;
    for (int i = 0; i < 50 && grown <= before; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      grown = std::filesystem::file_size(path);
    }
    EXPECT_GT(grown, before + 400 * 1000) << "checkpointed within 5 s";
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

}  // namespace
}  // namespace linli::storage
