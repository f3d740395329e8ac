// Outside services that carry messages (SMS gateway, SMTP server) behind one
// interface. deliver() returns Ok only when the service accepted the message;
// every other outcome (refused, 5xx, time-out, dropped connection) is an
// error the dispatcher retries. `id` is the message's id: a gateway can use it
// to drop a resend it already accepted (the dispatcher sends at least once).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "common/result.h"

namespace linli::notify {

struct Outgoing {
  int64_t id = 0;
  std::string to;  // phone (digits) or email address, in the clear
  std::string subject, body;
};

class Channel {
 public:
  virtual ~Channel() = default;
  virtual Status deliver(const Outgoing& m) = 0;
};

// SMS over HTTP: POST `url` with {"id", "to", "text"} as JSON and, when a
// token is set, "Authorization: Bearer <token>"; any 2xx is accepted.
struct SmsGatewayOptions {
  std::string url;
  std::string token;
  std::chrono::milliseconds timeout{5000};
};
std::unique_ptr<Channel> makeSmsGateway(SmsGatewayOptions options);

// Email over SMTP (smtp:// or smtps://, STARTTLS when the server offers it).
struct SmtpOptions {
  std::string url;   // smtp://host:port
  std::string from;  // linli@example.org
  std::string username, password;
  std::chrono::milliseconds timeout{10000};
};
std::unique_ptr<Channel> makeSmtpMailer(SmtpOptions options);

}  // namespace linli::notify
