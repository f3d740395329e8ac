// Local stand-ins for the SMS gateway and the SMTP server, for tests, the
// demo and the benchmark: real HTTP and SMTP on 127.0.0.1 (the real senders
// talk to them unchanged), recording what arrives, optionally also as JSON
// lines in a file. The SMS fake records every arrival: each well-formed POST
// it accepts is kept (and written as one JSON line), a resend of an id it
// already accepted too, so a test sees a message sent twice. Such a resend is
// acknowledged like any other, as a real gateway given client message ids
// would (it drops the repeat by id before the phone). It can be told to
// misbehave for its next N requests: answer 500, accept but answer too late
// (the sender times out), or drop the connection without answering.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/result.h"

namespace linli::notify {

// A blocking TCP listener on 127.0.0.1 with a thread per connection.
class LocalListener {
 public:
  virtual ~LocalListener();
  Status start(uint16_t port = 0);  // 0: a free port
  void stop();
  uint16_t port() const { return port_; }

 protected:
  virtual void serve(int fd) = 0;  // one connection, until it closes

 private:
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  std::mutex mu_;
  std::vector<int> open_;
  std::vector<std::thread> connections_;
};

struct FakeSms {
  std::string id, to, text;
};

enum class Misbehave { kNone, kError500, kLateAnswer, kDrop };

class FakeSmsGateway final : public LocalListener {
 public:
  ~FakeSmsGateway() override { stop(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port()) + "/sms"; }
  void misbehave(Misbehave how, int times, int late_ms = 1500);
  void recordTo(std::string path) { path_ = std::move(path); }
  // Every accepted POST in arrival order, resends of an id included.
  std::vector<FakeSms> delivered() const;
  // Every request that arrived, also those answered 500, dropped or refused.
  int requests() const { return requests_; }

 private:
  void serve(int fd) override;
  mutable std::mutex mu_;
  std::vector<FakeSms> delivered_;
  Misbehave how_ = Misbehave::kNone;
  int times_ = 0, late_ms_ = 1500;
  std::atomic<int> requests_{0};
  std::string path_;
};

struct FakeMail {
  std::string from;
  std::vector<std::string> to;
  std::string data;  // headers and body as sent
};

class FakeSmtpSink final : public LocalListener {
 public:
  ~FakeSmtpSink() override { stop(); }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port()); }
  void recordTo(std::string path) { path_ = std::move(path); }
  std::vector<FakeMail> received() const;

 private:
  void serve(int fd) override;
  mutable std::mutex mu_;
  std::vector<FakeMail> received_;
  std::string path_;
};

}  // namespace linli::notify
