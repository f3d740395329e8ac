// WalSyncer: makes SQLite commits durable off the writer's path. Commits run
// with synchronous=NORMAL (their WAL frames are written, not flushed); this
// thread fdatasyncs the WAL file and then runs what was waiting on every
// commit the flush covered. The next batch of writes runs while a flush is
// under way, so a flush's wait overlaps work instead of following it, and one
// flush covers all commits made before it started.
//
// Contract: after each successful COMMIT, call committed() with what to do
// once that commit is on disk; it runs on this thread, in commit order, with
// the flush's outcome. A failed flush fails what it was meant to cover (the
// data may not be on disk). The destructor flushes and runs what is left.
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
  explicit WalSyncer(std::string wal_path);
  ~WalSyncer();
  WalSyncer(const WalSyncer&) = delete;
  WalSyncer& operator=(const WalSyncer&) = delete;

  void committed(std::function<void(const Status&)> then);

 private:
  void run();
  Status flush();

  const std::string path_;
  int fd_ = -1;
  uint64_t inode_ = 0;
  std::mutex mu_;
  std::condition_variable work_;
  std::deque<std::function<void(const Status&)>> waiting_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace linli::storage
