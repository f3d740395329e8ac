// Status: the outcome of an operation that can fail in an expected way.
// A Status is either ok() or carries a Code, a human-readable message (English,
// never personal data) and optionally the name of the input field to blame.
// Expected failures travel as values; exceptions are for bugs only.
#pragma once

#include <string>
#include <string_view>

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
  std::string toString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::string field_;
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
