#include "storage/sqlite/wal_syncer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace linli::storage {

WalSyncer::WalSyncer(std::string wal_path, std::function<Status()> recover,
                     std::function<int(int)> sync)
    : path_(std::move(wal_path)), recover_(std::move(recover)), sync_(std::move(sync)) {
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
  const int rc = sync_ ? sync_(fd_) : ::fdatasync(fd_);
  const int err = errno;
  if (rc == 0 && !failed_) return Status::Ok();
  if (rc != 0) {
    failed_ = static_cast<bool>(recover_);
    return Status(Code::kUnavailable,
                  "数据盘写入失败，刚才的保存未能确认：可能已保存，也可能没有，请核对后再试 "
                  "(flushing write-ahead log " +
                      path_ + ": " + std::strerror(err) + ")");
  }
  // An earlier flush failed: only a checkpoint of everything into the flushed database file
  // proves these commits are on disk.
  Status recovered = recover_();
  if (!recovered.ok())
    return Status(Code::kUnavailable,
                  "数据盘写入失败，刚才的保存未能确认：可能已保存，也可能没有，请核对后再试 "
                  "(after a failed flush: " +
                      recovered.message() + ")");
  failed_ = false;
  return Status::Ok();
}

}  // namespace linli::storage
