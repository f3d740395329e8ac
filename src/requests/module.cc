#include "requests/requests.h"

namespace linli::requests {

namespace {
class RequestsModule final : public module::Module {
 public:
  RequestsModule(const module::Base& base, registry::Registry& registry, auth::AuthService& auth,
                 audit::AuditLog& audit, notify::NotificationService& notify)
      : requests(base.db, base.clock, registry, auth, &base.keys, &audit, &base.scheduler) {
    requests.setNotifier(&notify);
  }
  void addRoutes(http::Router& router) override { registerRoutes(router, requests); }
  Status addJobs(scheduler::Scheduler& scheduler, TimeMs) override {
    registerJobs(scheduler, requests);
    return Status::Ok();
  }
  Status start() override { return requests.startClassifier(); }
  RequestService requests;
};
}  // namespace

module::RoomDef room() {
  return module::room<RequestService, registry::Registry, auth::AuthService, audit::AuditLog,
                      notify::NotificationService>(
      "requests", grants,
      [](const module::Base& base, registry::Registry& registry, auth::AuthService& auth,
         audit::AuditLog& audit, notify::NotificationService& notify) {
        auto m = std::make_unique<RequestsModule>(base, registry, auth, audit, notify);
        RequestService* door = &m->requests;
        return std::pair{std::move(m), door};
      });
}

}  // namespace linli::requests
