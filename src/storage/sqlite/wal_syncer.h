// WalSyncer: makes SQLite commits durable off the writer's path. Commits run
// with synchronous=NORMAL (their WAL frames are written, not flushed); this
// thread fdatasyncs the WAL file and then runs what was waiting on every
// commit the flush covered. The next batch of writes runs while a flush is
// under way, so a flush's wait overlaps work instead of following it, and one
// flush covers all commits made before it started.
//
// Contract: after each successful COMMIT, call committed() with what to do
// once that commit is on disk; it runs on this thread, in commit order, with
// the flush's outcome. The destructor flushes and runs what is left.
//
// A failed flush (EIO, or ENOSPC on a file system that allocates at writeback)
// cannot be retried: the kernel reports it once and may have dropped the
// pages, so a later fdatasync that succeeds proves nothing about the frames it
// failed to write, nor about the commits after them (SQLite's WAL recovery
// stops at the first bad frame). So from a failed flush on, nothing is
// acknowledged until `recover` succeeds: it copies every committed page into
// the database file and flushes that (a TRUNCATE checkpoint), after which all
// commits made before it are on disk. Commits waiting meanwhile fail with 503
// ("not confirmed": they are visible, and may or may not survive a crash);
// the first flush after a successful recovery acknowledges again.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "common/result.h"

namespace linli::storage {

class WalSyncer {
 public:
  // `recover`: see above (none: a failed flush fails only what it covered). `sync`: fdatasync,
  // or a stand-in for tests.
  explicit WalSyncer(std::string wal_path, std::function<Status()> recover = {},
                     std::function<int(int)> sync = {});
  ~WalSyncer();
  WalSyncer(const WalSyncer&) = delete;
  WalSyncer& operator=(const WalSyncer&) = delete;

  void committed(std::function<void(const Status&)> then);

 private:
  void run();
  Status flush();

  const std::string path_;
  const std::function<Status()> recover_;
  const std::function<int(int)> sync_;
  bool failed_ = false;  // a flush failed and no recovery has succeeded since (syncer thread)
  int fd_ = -1;
  uint64_t inode_ = 0;
  std::mutex mu_;
  std::condition_variable work_;
  std::deque<std::function<void(const Status&)>> waiting_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace linli::storage
