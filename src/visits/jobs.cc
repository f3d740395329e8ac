// The visits module's scheduled work: the missed-visit alert, daily at 09:00 (+08:00).
#include "visits/visits.h"

namespace linli::visits {

Status registerJobs(scheduler::Scheduler& scheduler, VisitService& visits, TimeMs now) {
  constexpr TimeMs kDay = 24 * 3600 * 1000;
  constexpr TimeMs kOffset = 8 * 3600 * 1000;  // +08:00
  scheduler.registerHandler(
      "visits.missed", [&visits](const scheduler::Job&) { return visits.alertMissed().status(); },
      {.every = kDay});
  const TimeMs nine = (now + kOffset) / kDay * kDay - kOffset + 9 * 3600 * 1000;
  return scheduler.ensureRecurring("visits.missed", nine > now ? nine : nine + kDay);
}

}  // namespace linli::visits
