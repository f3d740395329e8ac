// WalSyncer: makes SQLite commits durable off the writers' path. Commits run
// with synchronous=NORMAL (their WAL frames are written, not flushed); this
// thread fdatasyncs the WAL file and then wakes every writer whose commit the
// flush covered. The next group of writers runs while a flush is under way, so
// a flush's wait overlaps work instead of following it, and one flush covers
// all commits made before it started.
//
// Contract: call committed() after each successful COMMIT and waitDurable()
// with its ticket before telling anyone the write happened. A failed flush
// fails the waiters it was meant to cover (their data may not be on disk).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "common/result.h"

namespace linli::storage {

class WalSyncer {
 public:
  explicit WalSyncer(std::string wal_path);
  ~WalSyncer();
  WalSyncer(const WalSyncer&) = delete;
  WalSyncer& operator=(const WalSyncer&) = delete;

  uint64_t committed();
  Status waitDurable(uint64_t ticket);

 private:
  void run();
  Status flush();

  const std::string path_;
  int fd_ = -1;
  uint64_t inode_ = 0;
  std::mutex mu_;
  std::condition_variable work_, done_;
  uint64_t committed_ = 0, durable_ = 0, failed_up_to_ = 0;
  Status last_error_ = Status::Ok();
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace linli::storage
