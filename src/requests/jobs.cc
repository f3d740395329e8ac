// The requests module's scheduled work: a warning before each deadline, the
// escalation levels after it, and closing resolved requests nobody rated. Keys are request ids; the
// scheduler's (kind, key, due) uniqueness makes each fire once per due time.
#include "requests/requests.h"

namespace linli::requests {

void registerJobs(scheduler::Scheduler& scheduler, RequestService& requests) {
  auto id = [](const scheduler::Job& job) { return std::stoll(job.key); };
  scheduler.registerHandler("requests.warn", [&requests, id](const scheduler::Job& job) {
    return requests.warnDue(id(job));
  });
  scheduler.registerHandler("requests.escalate", [&requests, id](const scheduler::Job& job) {
    return requests.escalateDue(id(job));
  });
  scheduler.registerHandler("requests.autoclose", [&requests, id](const scheduler::Job& job) {
    return requests.autoCloseDue(id(job));
  });
}

}  // namespace linli::requests
