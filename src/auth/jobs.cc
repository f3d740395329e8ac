#include "auth/auth.h"
#include "scheduler/scheduler.h"

namespace linli::auth {

Status registerJobs(scheduler::Scheduler& scheduler, AuthService& auth, TimeMs now) {
  constexpr TimeMs kHour = 3600 * 1000;
  scheduler.registerHandler("auth.purge_expired",
                            [&auth](const scheduler::Job&) { return auth.purgeExpired(); },
                            {.max_attempts = 3, .every = kHour});
  return scheduler.ensureRecurring("auth.purge_expired", now + kHour);
}

}  // namespace linli::auth
