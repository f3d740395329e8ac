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

uint64_t WalSyncer::committed() {
  std::lock_guard lock(mu_);
  const uint64_t ticket = ++committed_;
  work_.notify_one();
  return ticket;
}

Status WalSyncer::waitDurable(uint64_t ticket) {
  std::unique_lock lock(mu_);
  done_.wait(lock, [&] { return durable_ >= ticket; });
  if (ticket <= failed_up_to_) return last_error_;
  return Status::Ok();
}

void WalSyncer::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    work_.wait(lock, [&] { return stopping_ || committed_ > durable_; });
    if (committed_ == durable_ && stopping_) return;
    const uint64_t target = committed_;  // every commit made so far
    lock.unlock();
    Status st = flush();
    lock.lock();
    if (!st.ok()) {
      last_error_ = st;
      failed_up_to_ = target;
    }
    durable_ = target;
    done_.notify_all();
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
