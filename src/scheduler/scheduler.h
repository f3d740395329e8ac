// Scheduler: durable jobs in the database, knowing no domain. A module
// registers a handler per job kind and schedules (kind, key, due time); the
// pair (kind, key, due time) is unique, so asking twice schedules once, also
// across restarts and nodes. runDue() claims due jobs one at a time with an
// atomic UPDATE … RETURNING (a lease: if the runner dies, another takes over
// when the lease ends), runs the handler, and marks the job done or, on
// failure, retries it with exponential back-off up to max_attempts. A job
// kind registered with `every` schedules its next occurrence when one ends.
// Handlers must tolerate a rerun after a crash mid-run (at-least-once); a
// completed job is never run again. A transactional handler (registerTxHandler)
// writes in the transaction that marks its job done, so its effects happen
// exactly once; due jobs of such kinds run in batches, one transaction (and
// one fsync) for up to `batch` jobs, each in a savepoint so a failing one
// rolls back alone and is retried. All time comes from the Clock, so tests
// drive it with a SimulatedClock and call runDue().
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "common/clock.h"
#include "common/result.h"
#include "storage/db.h"

namespace linli::scheduler {

struct Job {
  int64_t id = 0;
  std::string kind;
  std::string key;
  TimeMs due_at = 0;
  std::string payload;
  int attempts = 0;  // including this run
};

using JobHandler = std::function<Status(const Job&)>;
// Writes through `tx` only; must not start transactions of its own.
using TxJobHandler = std::function<Status(storage::Tx&, const Job&)>;

struct JobPolicy {
  int max_attempts = 5;
  TimeMs first_backoff_ms = 1000;
  TimeMs max_backoff_ms = 3600 * 1000;
  std::optional<TimeMs> every;  // recurring: next due = due + every (skipping missed ones)
};

struct SchedulerOptions {
  std::string node_id;  // empty: hostname:pid
  TimeMs lease_ms = 5 * 60 * 1000;
  std::chrono::milliseconds poll{1000};
  int batch = 200;  // transactional jobs per transaction
};

class Scheduler {
 public:
  Scheduler(storage::Db& db, const Clock& clock, SchedulerOptions options = {});
  ~Scheduler();

  void registerHandler(const std::string& kind, JobHandler handler, JobPolicy policy = {});
  void registerTxHandler(const std::string& kind, TxJobHandler handler, JobPolicy policy = {});
  // True when newly scheduled; false when (kind, key, due) already existed.
  Result<bool> schedule(storage::Tx& tx, const std::string& kind, const std::string& key,
                        TimeMs due, const std::string& payload = "{}");
  Result<bool> schedule(const std::string& kind, const std::string& key, TimeMs due,
                        const std::string& payload = "{}");
  // Schedules a recurring kind at `first_due` unless one is already pending or running.
  Status ensureRecurring(const std::string& kind, TimeMs first_due);
  // Runs due jobs until none is due (or max_jobs ran); returns how many ran.
  Result<int> runDue(int max_jobs = 1000);
  // Background polling on a thread of its own.
  void start();
  void stop();
  const std::string& nodeId() const { return options_.node_id; }

 private:
  struct Registered {
    JobHandler handler;
    TxJobHandler tx_handler;  // set for transactional kinds
    JobPolicy policy;
  };
  Status finish(const Job& job, const Registered& reg, const Status& outcome);
  Status finishIn(storage::Tx& tx, const Job& job, const Registered& reg, const Status& outcome,
                  TimeMs now);
  // One transaction running up to options_.batch due transactional jobs.
  Result<int> runTxBatch(const std::vector<std::string>& kinds, int max_jobs);

  storage::Db& db_;
  const Clock& clock_;
  SchedulerOptions options_;
  std::map<std::string, Registered> handlers_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
};

}  // namespace linli::scheduler
