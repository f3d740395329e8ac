#include "storage/write_queue.h"

#include <memory>

namespace linli::storage {

WriteQueue::WriteQueue(size_t max_batch, std::function<void(Batch)> run)
    : max_batch_(max_batch), run_(std::move(run)), thread_([this] { loop(); }) {}

WriteQueue::~WriteQueue() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  queued_.notify_one();
  thread_.join();
}

Status WriteQueue::write(const std::function<Status(Tx&)>& fn) {
  Member me;
  me.fn = &fn;
  enqueue(&me);
  std::unique_lock lock(mu_);
  me.wake.wait(lock, [&] { return me.done; });
  return me.result;
}

void WriteQueue::writeAsync(std::function<Status(Tx&)> fn, std::function<void(Status)> done) {
  auto* m = new Member;  // deleted once answered (finish)
  m->owned_fn = std::move(fn);
  m->fn = &m->owned_fn;
  m->then = std::move(done);
  enqueue(m);
}

void WriteQueue::enqueue(Member* m) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(m);
  }
  queued_.notify_one();
}

void WriteQueue::loop() {
  std::unique_lock lock(mu_);
  for (;;) {
    queued_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and nothing left to write
    Batch batch;
    while (!queue_.empty() && batch.size() < max_batch_) {
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    lock.unlock();
    run_(std::move(batch));
    lock.lock();
  }
}

// A waiting writer's Member lives on its stack and is gone once it wakes, so
// the asynchronous ones are set apart first.
void WriteQueue::finish(const Batch& batch, const Status& durable) {
  std::vector<std::unique_ptr<Member>> answered_later;
  {
    std::lock_guard lock(mu_);
    for (Member* m : batch) {
      if (m->result.ok() && !durable.ok()) m->result = durable;
      if (m->then) {
        answered_later.emplace_back(m);
      } else {  // each woken alone: no herd of waiters rechecking
        m->done = true;
        m->wake.notify_one();
      }
    }
  }
  for (auto& m : answered_later) m->then(m->result);
}

namespace {
Status runGuarded(const std::function<Status(Tx&)>& fn, Tx& tx) {
  try {
    return fn(tx);
  } catch (const std::exception& e) {
    return internalError(std::string("use case failed: ") + e.what());
  }
}
}  // namespace

size_t runMembers(Tx& tx, const WriteQueue::Batch& batch, const std::function<bool()>& broken) {
  size_t ran = 0;
  for (WriteQueue::Member* m : batch) {
    if (broken()) break;
    ++ran;
    if (batch.size() == 1) {  // alone: no savepoint needed
      m->result = runGuarded(*m->fn, tx);
      continue;
    }
    Status sp = tx.exec("SAVEPOINT linli_member", {}).status();
    m->result = sp.ok() ? runGuarded(*m->fn, tx) : sp;
    if (!m->result.ok()) (void)tx.exec("ROLLBACK TO linli_member", {});
    if (sp.ok()) (void)tx.exec("RELEASE linli_member", {});
  }
  return ran;
}

}  // namespace linli::storage
