// TokenCache: API-token look-ups kept in memory, so an integration filing
// thousands of requests a second does not read its token and user each time
// (a tenth of a filing's work). An entry holds for at most `ttl`, and every
// entry is dropped as soon as a user or token changes: AuthService calls
// invalidate() after each such write commits. A look-up that raced with a
// change is not kept, because the generation it began under no longer
// matches. Only valid tokens are kept; at `capacity` entries the cache starts
// over. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "common/clock.h"

namespace linli::auth {

template <class Value>
class TokenCache {
 public:
  TokenCache(TimeMs ttl, size_t capacity) : ttl_(ttl), capacity_(capacity) {}

  // Read before the look-up whose result is then put().
  uint64_t generation() const {
    std::lock_guard lock(mu_);
    return generation_;
  }

  std::optional<Value> find(const std::string& hash, TimeMs now) const {
    std::lock_guard lock(mu_);
    auto it = entries_.find(hash);
    if (it == entries_.end() || now - it->second.cached_at >= ttl_ || now < it->second.cached_at)
      return std::nullopt;
    return it->second.value;
  }

  void put(const std::string& hash, Value value, uint64_t looked_up_under, TimeMs now) {
    std::lock_guard lock(mu_);
    if (looked_up_under != generation_) return;
    if (entries_.size() >= capacity_) entries_.clear();
    entries_.insert_or_assign(hash, Entry{std::move(value), now});
  }

  void invalidate() {
    std::lock_guard lock(mu_);
    ++generation_;
    entries_.clear();
  }

 private:
  struct Entry {
    Value value;
    TimeMs cached_at;
  };
  const TimeMs ttl_;
  const size_t capacity_;
  mutable std::mutex mu_;
  uint64_t generation_ = 0;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace linli::auth
