// HandOver<T>: a bounded queue from one producing thread to one consuming
// thread. push blocks while `capacity` items wait and returns false once the
// consumer has abandoned the queue; pop blocks until an item arrives and
// returns nullopt after the producer has finished and the queue is empty.
// tryPush and tryPop never wait: false or nullopt when full or empty.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace linli {

template <class T>
class HandOver {
 public:
  explicit HandOver(size_t capacity) : capacity_(capacity) {}

  bool push(T item) {
    std::unique_lock lock(mu_);
    space_.wait(lock, [&] { return abandoned_ || items_.size() < capacity_; });
    if (abandoned_) return false;
    items_.push_back(std::move(item));
    ready_.notify_one();
    return true;
  }
  bool tryPush(T& item) {
    std::lock_guard lock(mu_);
    if (abandoned_ || items_.size() >= capacity_) return false;
    items_.push_back(std::move(item));
    ready_.notify_one();
    return true;
  }
  std::optional<T> tryPop() {
    std::lock_guard lock(mu_);
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    space_.notify_one();
    return item;
  }
  void finish() {
    std::lock_guard lock(mu_);
    finished_ = true;
    ready_.notify_all();
  }
  std::optional<T> pop() {
    std::unique_lock lock(mu_);
    ready_.wait(lock, [&] { return finished_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    space_.notify_one();
    return item;
  }
  void abandon() {
    std::lock_guard lock(mu_);
    abandoned_ = true;
    items_.clear();
    space_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable ready_, space_;
  std::deque<T> items_;
  size_t capacity_;
  bool finished_ = false, abandoned_ = false;
};

}  // namespace linli
