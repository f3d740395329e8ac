#include "notices/notices.h"

namespace linli::notices {

namespace {
class NoticesModule final : public module::Module {
 public:
  NoticesModule(const module::Base& base, registry::Registry& registry,
                reports::ReportService& reports, notify::NotificationService& notify,
                audit::AuditLog& audit)
      : notices(base.db, base.clock, registry, reports, notify, &audit) {}
  void addRoutes(http::Router& router) override { registerRoutes(router, notices); }
  NoticeService notices;
};
}  // namespace

module::RoomDef room() {
  return module::room<NoticeService, registry::Registry, reports::ReportService,
                      notify::NotificationService, audit::AuditLog>(
      "notices", grants,
      [](const module::Base& base, registry::Registry& registry, reports::ReportService& reports,
         notify::NotificationService& notify, audit::AuditLog& audit) {
        auto m = std::make_unique<NoticesModule>(base, registry, reports, notify, audit);
        NoticeService* door = &m->notices;
        return std::pair{std::move(m), door};
      });
}

}  // namespace linli::notices
