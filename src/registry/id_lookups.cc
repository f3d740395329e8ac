#include "registry/id_lookups.h"

namespace linli::registry {

Status IdLookups::take(int64_t user_id) {
  constexpr TimeMs kHour = 3600 * 1000;
  const TimeMs now = clock_.now();
  std::lock_guard lock(mu_);
  auto& times = recent_[user_id];
  while (!times.empty() && times.front() <= now - kHour) times.pop_front();
  if (times.size() >= static_cast<size_t>(kPerHour)) {
    const int64_t wait_s = (times.front() + kHour - now + 999) / 1000;
    return Status(Code::kResourceExhausted,
                  "too many look-ups by ID number; try again in " +
                      std::to_string(wait_s / 60 + 1) + " minutes",
                  "id_number")
        .withRetryAfter(static_cast<int>(wait_s));
  }
  times.push_back(now);
  return Status::Ok();
}

}  // namespace linli::registry
