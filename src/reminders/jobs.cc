// The reminders module's scheduled work: the daily asset scan at 08:00 (+08:00) and
// the admin-defined rules at 08:30.
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
  LINLI_TRY(scheduler.ensureRecurring("reminders.assets", eight > now ? eight : now));
  // Admin-defined rules: daily at 08:30; each runs once per its period.
  scheduler.registerHandler(
      "reminders.rules",
      [&reminders](const scheduler::Job&) { return reminders.runRules().status(); },
      {.every = kDay});
  const TimeMs half_past = eight + 30 * 60 * 1000;
  return scheduler.ensureRecurring("reminders.rules", half_past > now ? half_past : now);
}

}  // namespace linli::reminders
