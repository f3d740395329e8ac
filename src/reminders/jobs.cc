// The reminders module's scheduled work: the daily asset scan at 08:00 (+08:00).
#include "reminders/reminders.h"

namespace linli::reminders {

Status registerJobs(scheduler::Scheduler& scheduler, ReminderService& reminders, TimeMs now) {
  constexpr TimeMs kDay = 24 * 3600 * 1000;
  constexpr TimeMs kOffset = 8 * 3600 * 1000;  // +08:00
  scheduler.registerTxHandler("reminders.assets",
                              [&reminders](storage::Tx& tx, const scheduler::Job&) {
                                return reminders.scanAssets(tx).status();
                              },
                              {.every = kDay});
  // Today's 08:00 local if it is still ahead, else now (a first run at once).
  const TimeMs local_midnight = (now + kOffset) / kDay * kDay - kOffset;
  const TimeMs eight = local_midnight + 8 * 3600 * 1000;
  return scheduler.ensureRecurring("reminders.assets", eight > now ? eight : now);
}

}  // namespace linli::reminders
