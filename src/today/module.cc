#include "today/today.h"

namespace linli::today {

namespace {
class TodayModule final : public module::Module {
 public:
  TodayModule(requests::RequestService& requests, visits::VisitService& visits,
              reminders::ReminderService& reminders, notify::NotificationService& notify,
              registry::Registry& registry)
      : today(requests, visits, reminders, notify, registry) {}
  void addRoutes(http::Router& router) override { registerRoutes(router, today); }
  TodayService today;
};
}  // namespace

module::RoomDef room() {
  return module::room<TodayService, requests::RequestService, visits::VisitService,
                      reminders::ReminderService, notify::NotificationService, registry::Registry>(
      "today", grants,
      [](const module::Base&, requests::RequestService& requests, visits::VisitService& visits,
         reminders::ReminderService& reminders, notify::NotificationService& notify,
         registry::Registry& registry) {
        auto m = std::make_unique<TodayModule>(requests, visits, reminders, notify, registry);
        TodayService* door = &m->today;
        return std::pair{std::move(m), door};
      });
}

}  // namespace linli::today
