#include "audit/audit.h"

namespace linli::audit {

namespace {
class AuditModule final : public module::Module {
 public:
  explicit AuditModule(const module::Base& base) : log(base.db, base.clock) {}
  void addRoutes(http::Router& router) override { registerRoutes(router, log); }
  AuditLog log;
};
}  // namespace

module::RoomDef room() {
  return module::room<AuditLog>("audit", grants, [](const module::Base& base) {
    auto m = std::make_unique<AuditModule>(base);
    AuditLog* door = &m->log;
    return std::pair{std::move(m), door};
  });
}

}  // namespace linli::audit
