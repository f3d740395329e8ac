// The outbox dispatcher: sends queued SMS and email through their Channel.
// runOnce() claims up to `batch` due messages (queued, or sending with an
// expired lease after a crash) in one transaction, sends them on `senders`
// threads, and records every outcome in one transaction: sent; or, after a
// failure, queued again with exponential back-off until max_attempts, then
// failed with the last error. A message is marked sent only after the
// channel accepted it, so a crash in between sends it again (at least once;
// the message id lets a gateway drop the repeat). Failures are counted per
// channel (metrics). Time comes from the Clock, so tests run it simulated.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "common/clock.h"
#include "crypto/keys.h"
#include "notify/channel.h"
#include "storage/db.h"

namespace linli::notify {

struct DispatcherOptions {
  int batch = 500;
  int senders = 16;
  int max_attempts = 6;
  TimeMs first_backoff_ms = 30 * 1000;
  TimeMs max_backoff_ms = 3600 * 1000;
  TimeMs lease_ms = 5 * 60 * 1000;
  std::chrono::milliseconds poll{500};
};

struct DispatchReport {
  int claimed = 0, sent = 0, retried = 0, failed = 0;
};

class Dispatcher {
 public:
  // `channels` by name ("sms", "email"); a message whose channel has none waits.
  Dispatcher(storage::Db& db, const Clock& clock, const crypto::Keys& keys,
             std::map<std::string, std::unique_ptr<Channel>> channels,
             DispatcherOptions options = {});
  ~Dispatcher();
  Result<DispatchReport> runOnce();
  void start();  // a thread of its own, polling
  void stop();
  void wake();  // new messages were queued

 private:
  storage::Db& db_;
  const Clock& clock_;
  const crypto::Keys& keys_;
  std::map<std::string, std::unique_ptr<Channel>> channels_;
  DispatcherOptions o_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false, woken_ = false;
};

}  // namespace linli::notify
