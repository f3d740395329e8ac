#include "notify/dispatcher.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "metrics/metrics.h"
#include "notify/repo.h"

namespace linli::notify {

namespace {

struct Claimed {
  repo::OutboxMessage m;
  Status outcome = Status::Ok();
};

const char* purposeOf(const std::string& channel) { return channel == "sms" ? "phone" : "email"; }

}  // namespace

Dispatcher::Dispatcher(storage::Db& db, const Clock& clock, const crypto::Keys& keys,
                       std::map<std::string, std::unique_ptr<Channel>> channels,
                       DispatcherOptions options)
    : db_(db), clock_(clock), keys_(keys), channels_(std::move(channels)), o_(options) {}

Dispatcher::~Dispatcher() { stop(); }

Result<DispatchReport> Dispatcher::runOnce() {
  std::vector<std::string> names;
  for (const auto& [name, ch] : channels_) names.push_back(name);
  if (names.empty()) return DispatchReport{};
  const TimeMs now = clock_.now();
  std::vector<Claimed> work;
  LINLI_TRY(db_.write([&](storage::Tx& tx) -> Status {
    work.clear();
    LINLI_ASSIGN_OR_RETURN(auto due, repo::claimDue(tx, names, now, now + o_.lease_ms, o_.batch));
    for (auto& m : due) work.push_back({.m = std::move(m)});
    return Status::Ok();
  }));
  DispatchReport report{.claimed = static_cast<int>(work.size())};
  if (work.empty()) return report;

  // Send on a few threads: each takes the next message until none is left.
  std::atomic<size_t> next{0};
  auto sendSome = [&] {
    for (size_t i; (i = next++) < work.size();) {
      Claimed& c = work[i];
      const repo::OutboxMessage& m = c.m;
      auto to = keys_.open(purposeOf(m.channel), m.address_sealed);
      if (!to.ok()) {
        c.outcome = Status(Code::kFailedPrecondition, "the address cannot be read");
        continue;
      }
      try {
        c.outcome = channels_.at(m.channel)->deliver({m.id, *to, m.subject, m.body});
      } catch (const std::exception& e) {
        c.outcome = internalError(std::string("channel threw: ") + e.what());
      }
    }
  };
  std::vector<std::thread> threads;
  const int n = std::min<int>(o_.senders, static_cast<int>(work.size()));
  for (int t = 1; t < n; ++t) threads.emplace_back(sendSome);
  sendSome();
  for (auto& t : threads) t.join();

  const TimeMs done = clock_.now();
  LINLI_TRY(db_.write([&](storage::Tx& tx) -> Status {
    report.sent = report.retried = report.failed = 0;
    for (const Claimed& c : work) {
      const repo::OutboxMessage& m = c.m;
      if (c.outcome.ok()) {
        LINLI_TRY(repo::markSent(tx, m.id, done));
        ++report.sent;
        continue;
      }
      // An address that cannot be read will not be readable next time either.
      const bool last =
          m.attempts >= o_.max_attempts || c.outcome.code() == Code::kFailedPrecondition;
      TimeMs backoff = o_.first_backoff_ms;
      for (int i = 1; i < m.attempts && backoff < o_.max_backoff_ms; ++i) backoff *= 2;
      backoff = std::min(backoff, o_.max_backoff_ms);
      LINLI_TRY(repo::markFailed(tx, m.id, last, done + backoff, c.outcome.message()));
      ++(last ? report.failed : report.retried);
    }
    return Status::Ok();
  }));
  for (const Claimed& c : work)
    metrics::Registry::global().increment(
        c.outcome.ok() ? "linli_notify_sent_total" : "linli_notify_failures_total",
        {{"channel", c.m.channel}});
  if (report.retried || report.failed)
    spdlog::warn("notify: {} sent, {} to retry, {} failed", report.sent, report.retried,
                 report.failed);
  return report;
}

void Dispatcher::start() {
  stopping_ = false;
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!stopping_) {
      lock.unlock();
      auto ran = runOnce();
      if (!ran.ok()) spdlog::error("notify: {}", ran.status().toString());
      const bool more = ran.ok() && ran->claimed >= o_.batch;
      lock.lock();
      if (!more) cv_.wait_for(lock, o_.poll, [this] { return stopping_ || woken_; });
      woken_ = false;
    }
  });
}

void Dispatcher::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Dispatcher::wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

}  // namespace linli::notify
