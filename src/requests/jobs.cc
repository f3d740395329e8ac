// The requests module's scheduled work: a warning before each deadline, the
// escalation levels after it, and closing resolved requests nobody rated. Keys are request ids; the
// scheduler's (kind, key, due) uniqueness makes each fire once per due time, and each
// writes in the transaction that completes its job, in batches.
#include "requests/internal.h"
#include "requests/requests.h"

namespace linli::requests {

void registerJobs(scheduler::Scheduler& scheduler, RequestService& requests) {
  auto id = [](const scheduler::Job& job) { return std::stoll(job.key); };
  scheduler.registerTxHandler(kWarnJob,
                              [&requests, id](storage::Tx& tx, const scheduler::Job& job) {
                                return requests.warnDue(tx, id(job));
                              });
  scheduler.registerTxHandler(kEscalateJob,
                              [&requests, id](storage::Tx& tx, const scheduler::Job& job) {
                                return requests.escalateDue(tx, id(job));
                              });
  scheduler.registerTxHandler(kAutoCloseJob,
                              [&requests, id](storage::Tx& tx, const scheduler::Job& job) {
                                return requests.autoCloseDue(tx, id(job));
                              });
}

}  // namespace linli::requests
