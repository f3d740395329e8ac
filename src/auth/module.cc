#include "auth/auth.h"

namespace linli::auth {

namespace {
class AuthModule final : public module::Module {
 public:
  AuthModule(const module::Base& base, const access::Places& places, audit::AuditLog& audit,
             const AuthOptions& options)
      : auth(base.db, base.clock, base.keys, places, audit, options) {}
  void addRoutes(http::Router& router) override { registerRoutes(router, auth); }
  Status addJobs(scheduler::Scheduler& scheduler, TimeMs now) override {
    return registerJobs(scheduler, auth, now);
  }
  AuthService auth;
};
}  // namespace

module::RoomDef room(const AuthOptions& options) {
  return module::room<AuthService, access::Places, audit::AuditLog>(
      "auth", grants,
      [options](const module::Base& base, access::Places& places, audit::AuditLog& audit) {
        auto m = std::make_unique<AuthModule>(base, places, audit, options);
        AuthService* door = &m->auth;
        return std::pair{std::move(m), door};
      });
}

}  // namespace linli::auth
