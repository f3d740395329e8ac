#include <spdlog/spdlog.h>

#include <chrono>

#include "reports/reports.h"

namespace linli::reports {

namespace {
class ReportsModule final : public module::Module {
 public:
  ReportsModule(const module::Base& base, registry::Registry& registry, audit::AuditLog& audit)
      : reports(base.db, base.clock, registry, &audit) {}
  void addRoutes(http::Router& router) override { registerRoutes(router, reports); }
  Status start() override {
    auto started = std::chrono::steady_clock::now();
    LINLI_TRY(reports.start());
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    spdlog::info("report index: {} residents in {:.2f} s", reports.index().size(), took.count());
    return Status::Ok();
  }
  ReportService reports;
};
}  // namespace

module::RoomDef room() {
  return module::room<ReportService, registry::Registry, audit::AuditLog>(
      "reports", grants,
      [](const module::Base& base, registry::Registry& registry, audit::AuditLog& audit) {
        auto m = std::make_unique<ReportsModule>(base, registry, audit);
        ReportService* door = &m->reports;
        return std::pair{std::move(m), door};
      });
}

}  // namespace linli::reports
