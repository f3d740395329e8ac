#include "notify/dispatcher.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "metrics/metrics.h"

namespace linli::notify {

namespace {

struct Claimed {
  int64_t id = 0;
  std::string channel, address_sealed, subject, body;
  int attempts = 0;  // including this one
  Status outcome = Status::Ok();
};

const char* purposeOf(const std::string& channel) { return channel == "sms" ? "phone" : "email"; }

}  // namespace

Dispatcher::Dispatcher(storage::Db& db, const Clock& clock, const crypto::Keys& keys,
                       std::map<std::string, std::unique_ptr<Channel>> channels,
                       DispatcherOptions options)
    : db_(db), clock_(clock), keys_(keys), channels_(std::move(channels)), o_(options) {
  metrics::Registry::global().setHelp("linli_notify_failures_total", "counter",
                                      "Failed delivery attempts per channel.");
  metrics::Registry::global().setHelp("linli_notify_sent_total", "counter",
                                      "Messages accepted per channel.");
}

Dispatcher::~Dispatcher() { stop(); }

Result<DispatchReport> Dispatcher::runOnce() {
  std::vector<std::string> names;
  for (const auto& [name, ch] : channels_) names.push_back(name);
  if (names.empty()) return DispatchReport{};
  const TimeMs now = clock_.now();
  std::vector<Claimed> work;
  LINLI_TRY(db_.write([&](storage::Tx& tx) -> Status {
    work.clear();
    std::string in = "?";
    for (size_t i = 1; i < names.size(); ++i) in += ", ?";
    std::vector<storage::Value> params = {now + o_.lease_ms};
    for (const auto& n : names) params.emplace_back(n);
    params.emplace_back(now);
    params.emplace_back(now);
    params.emplace_back(int64_t{o_.batch});
    LINLI_ASSIGN_OR_RETURN(
        auto rows,
        tx.query("UPDATE messages SET status = 'sending', lease_until = ?, attempts = attempts + 1 "
                 "WHERE id IN (SELECT id FROM messages WHERE channel IN (" +
                     in +
                     ") AND ((status = 'queued' AND next_at <= ?) OR (status = 'sending' AND "
                     "lease_until <= ?)) ORDER BY next_at, id LIMIT ?) "
                     "RETURNING id, channel, COALESCE(address_sealed, ''), subject, body, attempts",
                 params));
    for (const auto& r : rows)
      work.push_back(Claimed{.id = r.i64(0),
                             .channel = r.str(1),
                             .address_sealed = r.str(2),
                             .subject = r.str(3),
                             .body = r.str(4),
                             .attempts = static_cast<int>(r.i64(5))});
    return Status::Ok();
  }));
  DispatchReport report{.claimed = static_cast<int>(work.size())};
  if (work.empty()) return report;

  // Send on a few threads: each takes the next message until none is left.
  std::atomic<size_t> next{0};
  auto sendSome = [&] {
    for (size_t i; (i = next++) < work.size();) {
      Claimed& m = work[i];
      auto to = keys_.open(purposeOf(m.channel), m.address_sealed);
      if (!to.ok()) {
        m.outcome = Status(Code::kFailedPrecondition, "the address cannot be read");
        continue;
      }
      try {
        m.outcome = channels_.at(m.channel)->deliver({m.id, *to, m.subject, m.body});
      } catch (const std::exception& e) {
        m.outcome = internalError(std::string("channel threw: ") + e.what());
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
    for (const Claimed& m : work) {
      if (m.outcome.ok()) {
        LINLI_TRY(tx.exec("UPDATE messages SET status = 'sent', sent_at = ?, lease_until = NULL, "
                          "last_error = NULL WHERE id = ?",
                          {done, m.id})
                      .status());
        ++report.sent;
        continue;
      }
      // An address that cannot be read will not be readable next time either.
      const bool last =
          m.attempts >= o_.max_attempts || m.outcome.code() == Code::kFailedPrecondition;
      TimeMs backoff = o_.first_backoff_ms;
      for (int i = 1; i < m.attempts && backoff < o_.max_backoff_ms; ++i) backoff *= 2;
      backoff = std::min(backoff, o_.max_backoff_ms);
      LINLI_TRY(tx.exec("UPDATE messages SET status = ?, next_at = ?, lease_until = NULL, "
                        "last_error = ? WHERE id = ?",
                        {last ? "failed" : "queued", done + backoff, m.outcome.message(), m.id})
                    .status());
      ++(last ? report.failed : report.retried);
    }
    return Status::Ok();
  }));
  for (const Claimed& m : work)
    metrics::Registry::global().increment(
        m.outcome.ok() ? "linli_notify_sent_total" : "linli_notify_failures_total",
        {{"channel", m.channel}});
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
