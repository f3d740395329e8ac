#include "visits/visits.h"

namespace linli::visits {

namespace {
class VisitsModule final : public module::Module {
 public:
  VisitsModule(const module::Base& base, auth::AuthService& auth, registry::Registry& registry,
               reports::ReportService& reports, requests::RequestService& requests,
               notify::NotificationService& notify)
      : visits(base.db, base.clock, auth, registry, reports, requests, notify) {}
  void addRoutes(http::Router& router) override { registerRoutes(router, visits); }
  Status addJobs(scheduler::Scheduler& scheduler, TimeMs now) override {
    return registerJobs(scheduler, visits, now);
  }
  Status start() override { return visits.seedDefaultRules(); }
  VisitService visits;
};
}  // namespace

module::RoomDef room() {
  return module::room<VisitService, auth::AuthService, registry::Registry, reports::ReportService,
                      requests::RequestService, notify::NotificationService>(
      "visits", grants,
      [](const module::Base& base, auth::AuthService& auth, registry::Registry& registry,
         reports::ReportService& reports, requests::RequestService& requests,
         notify::NotificationService& notify) {
        auto m = std::make_unique<VisitsModule>(base, auth, registry, reports, requests, notify);
        VisitService* door = &m->visits;
        return std::pair{std::move(m), door};
      });
}

}  // namespace linli::visits
