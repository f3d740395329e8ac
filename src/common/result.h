// Result<T>: a value or a non-ok Status. Construct from either; check ok()
// before dereferencing. LINLI_TRY / LINLI_ASSIGN_OR_RETURN propagate failures.
#pragma once

#include <cassert>
#include <optional>
#include <utility>

#include "common/status.h"

namespace linli {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}
  Result(Status status) : status_(std::move(status)) { assert(!status_.ok()); }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace linli

#define LINLI_CONCAT_INNER(a, b) a##b
#define LINLI_CONCAT(a, b) LINLI_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function when `expr` (a Status) is not ok.
#define LINLI_TRY(expr)                    \
  do {                                     \
    ::linli::Status _linli_st = (expr);    \
    if (!_linli_st.ok()) return _linli_st; \
  } while (0)

// `lhs = *expr` when expr (a Result) is ok; otherwise returns its Status.
#define LINLI_ASSIGN_OR_RETURN(lhs, expr)                                                       \
  auto LINLI_CONCAT(_linli_r, __LINE__) = (expr);                                               \
  if (!LINLI_CONCAT(_linli_r, __LINE__).ok()) return LINLI_CONCAT(_linli_r, __LINE__).status(); \
  lhs = std::move(LINLI_CONCAT(_linli_r, __LINE__)).value()
