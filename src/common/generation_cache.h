// GenerationCache: values looked up in the database, kept in memory for at
// most `ttl`, and all dropped as soon as what they were read from changes:
// the owner calls invalidate() after each such write commits. A look-up that
// raced with a change is not kept, because the generation it began under no
// longer matches: read generation() first, look up, then put(). At
// `capacity` entries the cache starts over. Thread-safe. Changes made by
// another process are seen within `ttl`.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "common/clock.h"

namespace linli {

template <class Key, class Value>
class GenerationCache {
 public:
  GenerationCache(TimeMs ttl, size_t capacity) : ttl_(ttl), capacity_(capacity) {}

  // Read before the look-up whose result is then put().
  uint64_t generation() const {
    std::lock_guard lock(mu_);
    return generation_;
  }

  std::optional<Value> find(const Key& key, TimeMs now) const {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end() || now - it->second.cached_at >= ttl_ || now < it->second.cached_at)
      return std::nullopt;
    return it->second.value;
  }

  void put(const Key& key, Value value, uint64_t looked_up_under, TimeMs now) {
    std::lock_guard lock(mu_);
    if (looked_up_under != generation_) return;
    if (entries_.size() >= capacity_) entries_.clear();
    entries_.insert_or_assign(key, Entry{std::move(value), now});
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
  std::unordered_map<Key, Entry> entries_;
};

}  // namespace linli
