// How many exact look-ups by ID number a user may make.
// An exact look-up (a search by the full number, or a write that meets a
// number held outside the caller's area) confirms that a number exists, so a
// user gets kPerHour of them in any hour; the next is ResourceExhausted with a
// Retry-After. Thread-safe; counts live in memory (a restart forgets them).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>

#include "common/clock.h"
#include "common/status.h"

namespace linli::registry {

class IdLookups {
 public:
  static constexpr int kPerHour = 30;

  explicit IdLookups(const Clock& clock) : clock_(clock) {}
  // Counts one look-up for the user, or refuses it when their hour is used up.
  Status take(int64_t user_id);

 private:
  const Clock& clock_;
  std::mutex mu_;
  std::map<int64_t, std::deque<TimeMs>> recent_;  // per user, oldest first, within the hour
};

}  // namespace linli::registry
