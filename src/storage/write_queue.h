// WriteQueue: the group commit both engines share. write() and writeAsync()
// queue a use case; one thread of the queue's own hands the queued ones, up to
// `max_batch` at a time, to the engine's `run`, which runs them in one
// transaction (runMembers: each in its own savepoint, so one failing rolls
// back alone) and answers the batch with finish() once the commit is durable,
// then or later from another thread. The destructor runs what is still queued.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "storage/db.h"

namespace linli::storage {

class WriteQueue {
 public:
  struct Member {
    const std::function<Status(Tx&)>* fn = nullptr;
    Status result = Status::Ok();
    // A waiting writer is woken; an asynchronous one has `then` called and owns its use case.
    std::function<void(Status)> then;
    std::function<Status(Tx&)> owned_fn;
    bool done = false;
    std::condition_variable wake;
  };
  using Batch = std::vector<Member*>;

  WriteQueue(size_t max_batch, std::function<void(Batch)> run);
  ~WriteQueue();

  Status write(const std::function<Status(Tx&)>& fn);
  void writeAsync(std::function<Status(Tx&)> fn, std::function<void(Status)> done);
  // Answers a batch: a member whose use case succeeded gets `durable`.
  void finish(const Batch& batch, const Status& durable);

 private:
  void enqueue(Member* m);
  void loop();

  const size_t max_batch_;
  const std::function<void(Batch)> run_;
  std::mutex mu_;
  std::condition_variable queued_;
  std::deque<Member*> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

// Runs the batch's use cases in `tx`, a transaction already begun, each in a
// savepoint of its own unless it is alone, and stops early once `broken` says
// the transaction cannot go on (a storage fault). Returns how many ran; a
// use case that throws fails with the exception's text.
size_t runMembers(Tx& tx, const WriteQueue::Batch& batch, const std::function<bool()>& broken);

}  // namespace linli::storage
