// Status: the outcome of an operation that can fail in an expected way.
// A Status is either ok() or carries a Code, a human-readable message (English,
// never personal data) and optionally the name of the input field to blame,
// and a message key with parameters that a worker's screen (or the CLI)
// renders in their language (common/messages.h: one catalog per locale).
// Expected failures travel as values; exceptions are for bugs only.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace linli {

enum class Code {
  kOk,
  kInvalidArgument,
  kNotFound,
  kPermissionDenied,
  kUnauthenticated,
  kConflict,
  kFailedPrecondition,
  kResourceExhausted,
  kUnavailable,
  kInternal,
};

std::string_view codeName(Code code);

// Named values a message key's text refers to, e.g. {"length", "17"}.
using MessageParams = std::vector<std::pair<std::string, std::string>>;

class Status {
 public:
  Status() = default;
  Status(Code code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return {}; }
  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& field() const { return field_; }
  // Seconds a client should wait; meaningful with kResourceExhausted.
  int retryAfterSeconds() const { return retry_after_s_; }
  Status& withRetryAfter(int seconds) {
    retry_after_s_ = seconds;
    return *this;
  }
  // The catalog key of this failure (e.g. "id_number.check") and its values.
  const std::string& key() const { return key_; }
  const MessageParams& params() const { return params_; }
  Status& withKey(std::string key, MessageParams params = {}) {
    key_ = std::move(key);
    params_ = std::move(params);
    return *this;
  }
  std::string toString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::string field_;
  std::string key_;
  MessageParams params_;
  int retry_after_s_ = 0;
};

inline Status invalidArgument(std::string field, std::string message) {
  return Status(Code::kInvalidArgument, std::move(message), std::move(field));
}
inline Status notFound(std::string message) { return Status(Code::kNotFound, std::move(message)); }
inline Status permissionDenied(std::string message) {
  return Status(Code::kPermissionDenied, std::move(message));
}
inline Status conflict(std::string message, std::string field = {}) {
  return Status(Code::kConflict, std::move(message), std::move(field));
}
inline Status internalError(std::string message) {
  return Status(Code::kInternal, std::move(message));
}

}  // namespace linli
