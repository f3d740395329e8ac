#include "registry/registry.h"

namespace linli::registry {

namespace {
class RegistryModule final : public module::Module {
 public:
  RegistryModule(const module::Base& base, audit::AuditLog& audit)
      : registry(base.db, base.clock, &base.keys, &audit) {}
  void addRoutes(http::Router& router) override { registerRoutes(router, registry); }
  Registry registry;
};
}  // namespace

module::RoomDef room() {
  return module::alsoServes<access::Places, Registry>(module::room<Registry, audit::AuditLog>(
      "registry", grants, [](const module::Base& base, audit::AuditLog& audit) {
        auto m = std::make_unique<RegistryModule>(base, audit);
        Registry* door = &m->registry;
        return std::pair{std::move(m), door};
      }));
}

}  // namespace linli::registry
