// Notices door (群发通知): mass notices to the residents a saved smart report
// or a place selects: one SMS per phone number, one in-app message per linked
// account, and a visit list of the households nobody can be texted in. Above
// notify (whose outbox carries the messages), registry and reports (who the
// residents are). Scope: notices are sent and seen within the sender's place
// (permission notices.send); every notice sent is audited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/access.h"
#include "audit/audit.h"
#include "module/module.h"
#include "notify/notify.h"
#include "registry/registry.h"
#include "reports/reports.h"

namespace linli::http {
class Router;
}

namespace linli::notices {

// Who a notice reaches: the union of a saved report's residents and places.
struct Audience {
  std::optional<int64_t> report_id, community_id, grid_id;
  std::vector<int64_t> building_ids;
};
struct AudienceCount {
  int64_t residents = 0, sms = 0, in_app = 0, without_phone = 0, households_without_phone = 0;
};
struct NoticeProgress {
  int64_t queued = 0, sent = 0, failed = 0, read = 0;
};
struct Notice {
  int64_t id = 0;
  std::string title, body;
  bool urgent = false;
  TimeMs created_at = 0;
  std::string created_by_name;
  int64_t recipients = 0, without_phone = 0;
  NoticeProgress progress;
};
struct DeliveryFailure {
  std::string address_masked, error;
  int attempts = 0;
};
struct VisitHousehold {
  int64_t household_id = 0;
  std::string address;
  int64_t residents = 0;
};

class NoticeService {
 public:
  NoticeService(storage::Db& db, const Clock& clock, const registry::Registry& registry,
                reports::ReportService& reports, notify::NotificationService& notify,
                audit::AuditLog* audit);

  Result<AudienceCount> preview(const Caller& caller, const Audience& a);
  // Queues every message of the notice in one transaction.
  Result<Notice> sendNotice(const Caller& caller, const std::string& title, const std::string& body,
                            const Audience& a, bool urgent);
  Result<std::vector<Notice>> notices(const Caller& caller);
  Result<Notice> notice(const Caller& caller, int64_t id);
  Result<std::vector<DeliveryFailure>> failures(const Caller& caller, int64_t id);
  Result<std::vector<VisitHousehold>> visits(const Caller& caller, int64_t id);

  // For modules: the residents an audience selects within the caller's scope
  // (ascending), and queueing a notice to them inside the module's transaction.
  Result<std::vector<int64_t>> residentsOf(const Caller& caller, const Audience& a);
  Result<Notice> queueNotice(storage::Tx& tx, const Caller& caller, const std::string& title,
                             const std::string& body, const std::vector<int64_t>& residents,
                             const Audience& a, bool urgent);

 private:
  Result<Notice> visibleNotice(storage::Tx& tx, const Caller& caller, int64_t id);
  // Unknown or out-of-scope places of an audience, refused naming the field.
  Status checkPlaces(const Caller& caller, const Audience& a);

  storage::Db& db_;
  const Clock& clock_;
  const registry::Registry& registry_;
  reports::ReportService& reports_;
  notify::NotificationService& notify_;
  audit::AuditLog* audit_;
};

void registerRoutes(http::Router& router, NoticeService& notices);

// The actions this module checks and which roles hold them (permissions.cc).
std::vector<access::Rule> grants();
// This module as a room of the composition root (module.cc).
module::RoomDef room();

}  // namespace linli::notices
