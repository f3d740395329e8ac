#include "reminders/reminders.h"

namespace linli::reminders {

namespace {
class RemindersModule final : public module::Module {
 public:
  RemindersModule(const module::Base& base, auth::AuthService& auth, registry::Registry& registry,
                  notify::NotificationService& notify, notices::NoticeService& notices,
                  reports::ReportService& reports)
      : reminders(base.db, base.clock, auth, registry, notify, notices, reports) {}
  void addRoutes(http::Router& router) override { registerRoutes(router, reminders); }
  Status addJobs(scheduler::Scheduler& scheduler, TimeMs now) override {
    return registerJobs(scheduler, reminders, now);
  }
  ReminderService reminders;
};
}  // namespace

module::RoomDef room() {
  return module::room<ReminderService, auth::AuthService, registry::Registry,
                      notify::NotificationService, notices::NoticeService, reports::ReportService>(
      "reminders", grants,
      [](const module::Base& base, auth::AuthService& auth, registry::Registry& registry,
         notify::NotificationService& notify, notices::NoticeService& notices,
         reports::ReportService& reports) {
        auto m = std::make_unique<RemindersModule>(base, auth, registry, notify, notices, reports);
        ReminderService* door = &m->reminders;
        return std::pair{std::move(m), door};
      });
}

}  // namespace linli::reminders
