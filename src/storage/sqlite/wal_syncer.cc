#include "storage/sqlite/wal_syncer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace linli::storage {

WalSyncer::WalSyncer(std::string wal_path) : path_(std::move(wal_path)) {
  thread_ = std::thread([this] { run(); });
}

WalSyncer::~WalSyncer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_.notify_all();
  thread_.join();
  if (fd_ >= 0) ::close(fd_);
}

void WalSyncer::committed(std::function<void(const Status&)> then) {
  {
    std::lock_guard lock(mu_);
    waiting_.push_back(std::move(then));
  }
  work_.notify_one();
}

void WalSyncer::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    work_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
    if (waiting_.empty()) return;  // stopping, and nothing left to flush
    // One flush covers every commit made so far.
    std::deque<std::function<void(const Status&)>> covered;
    covered.swap(waiting_);
    lock.unlock();
    const Status st = flush();
    for (auto& then : covered) then(st);
    lock.lock();
  }
}

// The WAL is reopened when its file was replaced (the last connection of some
// process closed and removed it): flushing a removed file would prove nothing.
Status WalSyncer::flush() {
  struct stat now {};
  if (::stat(path_.c_str(), &now) != 0)
    return Status(Code::kUnavailable, "write-ahead log " + path_ + ": " + std::strerror(errno));
  if (fd_ < 0 || static_cast<uint64_t>(now.st_ino) != inode_) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = ::open(path_.c_str(), O_RDWR | O_CLOEXEC);
    if (fd_ < 0)
      return Status(Code::kUnavailable, "write-ahead log " + path_ + ": " + std::strerror(errno));
    inode_ = static_cast<uint64_t>(now.st_ino);
  }
  if (::fdatasync(fd_) != 0)
    return Status(Code::kUnavailable,
                  "flushing write-ahead log " + path_ + ": " + std::strerror(errno));
  return Status::Ok();
}

}  // namespace linli::storage
