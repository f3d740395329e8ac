#include "scheduler/scheduler.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>

#include "scheduler/repo.h"

namespace linli::scheduler {

Scheduler::Scheduler(storage::Db& db, const Clock& clock, SchedulerOptions options)
    : db_(db), clock_(clock), options_(std::move(options)) {
  if (options_.node_id.empty()) {
    char host[256] = {0};
    gethostname(host, sizeof host - 1);
    options_.node_id = std::string(host) + ":" + std::to_string(getpid());
  }
}

Scheduler::~Scheduler() { stop(); }

void Scheduler::registerHandler(const std::string& kind, JobHandler handler, JobPolicy policy) {
  handlers_[kind] = Registered{std::move(handler), nullptr, policy};
}

void Scheduler::registerTxHandler(const std::string& kind, TxJobHandler handler, JobPolicy policy) {
  handlers_[kind] = Registered{nullptr, std::move(handler), policy};
}

Result<bool> Scheduler::schedule(storage::Tx& tx, const std::string& kind, const std::string& key,
                                 TimeMs due, const std::string& payload) {
  return repo::insert(tx, kind, key, due, payload);
}

Result<bool> Scheduler::schedule(const std::string& kind, const std::string& key, TimeMs due,
                                 const std::string& payload) {
  return storage::writeResult<bool>(
      db_, [&](storage::Tx& tx) { return repo::insert(tx, kind, key, due, payload); });
}

Status Scheduler::ensureRecurring(const std::string& kind, TimeMs first_due) {
  return db_.write([&](storage::Tx& tx) -> Status {
    LINLI_ASSIGN_OR_RETURN(bool open, repo::hasOpen(tx, kind));
    if (open) return Status::Ok();
    return repo::insert(tx, kind, "", first_due, "{}").status();
  });
}

Status Scheduler::finish(const Job& job, const Registered& reg, const Status& outcome) {
  const TimeMs now = clock_.now();
  return db_.write([&](storage::Tx& tx) { return finishIn(tx, job, reg, outcome, now); });
}

Status Scheduler::finishIn(storage::Tx& tx, const Job& job, const Registered& reg,
                           const Status& outcome, TimeMs now) {
  const JobPolicy& p = reg.policy;
  bool final = true;
  if (outcome.ok()) {
    LINLI_ASSIGN_OR_RETURN(bool held, repo::markDone(tx, job.id, options_.node_id, now));
    if (!held) return Status::Ok();  // another node took over; it finishes the job
  } else if (job.attempts < p.max_attempts) {
    TimeMs backoff = p.first_backoff_ms;
    for (int i = 1; i < job.attempts && backoff < p.max_backoff_ms; ++i) backoff *= 2;
    backoff = std::min(backoff, p.max_backoff_ms);
    LINLI_TRY(repo::markRetry(tx, job.id, options_.node_id, now + backoff, outcome.toString()));
    final = false;
  } else {
    LINLI_TRY(repo::markFailed(tx, job.id, options_.node_id, now, outcome.toString()));
  }
  if (final && p.every && *p.every > 0) {
    TimeMs next = job.due_at + *p.every;
    if (next <= now) next += ((now - next) / *p.every + 1) * *p.every;  // skip missed runs
    LINLI_TRY(repo::insert(tx, job.kind, job.key, next, job.payload).status());
  }
  return Status::Ok();
}

Result<int> Scheduler::runTxBatch(const std::vector<std::string>& kinds, int max_jobs) {
  int ran = 0;
  LINLI_TRY(db_.write([&](storage::Tx& tx) -> Status {
    ran = 0;  // a retried transaction starts over
    const TimeMs now = clock_.now();
    while (ran < max_jobs && ran < options_.batch) {
      LINLI_ASSIGN_OR_RETURN(
          auto job, repo::claim(tx, kinds, options_.node_id, now, now + options_.lease_ms));
      if (!job) break;
      const Registered& reg = handlers_.at(job->kind);
      LINLI_TRY(tx.exec("SAVEPOINT linli_job", {}).status());
      Status outcome;
      try {
        outcome = reg.tx_handler(tx, *job);
      } catch (const std::exception& e) {
        outcome = internalError(std::string("job threw: ") + e.what());
      }
      if (!outcome.ok()) {
        LINLI_TRY(tx.exec("ROLLBACK TO linli_job", {}).status());
        spdlog::warn("job {} ({}) attempt {} failed: {}", job->id, job->kind, job->attempts,
                     outcome.toString());
      }
      LINLI_TRY(tx.exec("RELEASE linli_job", {}).status());
      LINLI_TRY(finishIn(tx, *job, reg, outcome, now));
      ++ran;
    }
    return Status::Ok();
  }));
  return ran;
}

Result<int> Scheduler::runDue(int max_jobs) {
  std::vector<std::string> kinds, tx_kinds;
  for (const auto& [kind, reg] : handlers_) (reg.tx_handler ? tx_kinds : kinds).push_back(kind);
  int ran = 0;
  while (!tx_kinds.empty() && ran < max_jobs) {
    LINLI_ASSIGN_OR_RETURN(int n, runTxBatch(tx_kinds, max_jobs - ran));
    ran += n;
    if (n == 0) break;
  }
  while (!kinds.empty() && ran < max_jobs) {
    const TimeMs now = clock_.now();
    LINLI_ASSIGN_OR_RETURN(
        auto job, (storage::writeResult<std::optional<Job>>(db_, [&](storage::Tx& tx) {
          return repo::claim(tx, kinds, options_.node_id, now, now + options_.lease_ms);
        })));
    if (!job) break;
    const Registered& reg = handlers_.at(job->kind);
    Status outcome;
    try {
      outcome = reg.handler(*job);
    } catch (const std::exception& e) {
      outcome = internalError(std::string("job threw: ") + e.what());
    }
    if (!outcome.ok())
      spdlog::warn("job {} ({}) attempt {} failed: {}", job->id, job->kind, job->attempts,
                   outcome.toString());
    LINLI_TRY(finish(*job, reg, outcome));
    ++ran;
  }
  return ran;
}

void Scheduler::start() {
  stopping_ = false;
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!stopping_) {
      lock.unlock();
      auto ran = runDue();
      if (!ran.ok()) spdlog::error("scheduler: {}", ran.status().toString());
      lock.lock();
      cv_.wait_for(lock, options_.poll, [this] { return stopping_; });
    }
  });
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace linli::scheduler
