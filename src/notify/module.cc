#include "metrics/metrics.h"
#include "notify/notify.h"

namespace linli::notify {

namespace {
class NotifyModule final : public module::Module {
 public:
  explicit NotifyModule(const module::Base& base) : notify(base.db, base.clock, &base.keys) {}
  void addRoutes(http::Router& router) override { registerRoutes(router, notify); }
  // Counted by the outbox dispatcher (dispatcher.h).
  void describeMetrics(metrics::Registry& m) override {
    m.setHelp("linli_notify_failures_total", "counter", "Failed delivery attempts per channel.");
    m.setHelp("linli_notify_sent_total", "counter", "Messages accepted per channel.");
  }
  NotificationService notify;
};
}  // namespace

module::RoomDef room() {
  return module::room<NotificationService>("notify", grants, [](const module::Base& base) {
    auto m = std::make_unique<NotifyModule>(base);
    NotificationService* door = &m->notify;
    return std::pair{std::move(m), door};
  });
}

}  // namespace linli::notify
