// Notifications door (通知): one service through which every module reaches
// people. A message is a row of the outbox, written in the caller's
// transaction, so a notification exists exactly when the change it tells of
// was committed. In-app messages land in the user's inbox at once; SMS and
// email wait for the Dispatcher (dispatcher.h), which sends them through a
// Channel with retries, holding non-urgent ones through quiet hours.
// Mass notices (群发通知) reach the residents a saved smart report or a place
// selects: one SMS per phone number, one in-app message per linked account,
// and a visit list of the households nobody can be texted in.
// Scopes: an inbox is its owner's; notices are sent and seen within the
// sender's place (permission notices.send).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "common/clock.h"
#include "common/result.h"
#include "common/scope.h"
#include "crypto/keys.h"
#include "notify/message_text.h"
#include "notify/quiet_hours.h"
#include "registry/registry.h"
#include "reports/reports.h"
#include "storage/db.h"

namespace linli::http {
class Router;
}

namespace linli::notify {

struct InboxItem {
  int64_t id = 0;
  std::string subject, body;
  bool urgent = false;
  TimeMs created_at = 0;
  std::optional<TimeMs> read_at;
  std::optional<std::string> link;
};
struct Inbox {
  std::vector<InboxItem> items;
  int64_t total = 0, unread = 0;
};

struct Preferences {
  bool sms = false, email = false;
  std::string locale = "zh-CN";  // zh-CN | en: the language of messages
  std::string phone_last4;       // empty: none on file
  std::string email_address;
  QuietHours quiet;
};
struct PreferencesUpdate {
  bool sms = false, email = false;
  std::optional<std::string> locale;  // unchanged when not given
  std::optional<std::string> phone;   // new phone, in the clear
  std::string email_address;
  QuietHours quiet;
};

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

class NotificationService {
 public:
  NotificationService(storage::Db& db, const Clock& clock, const crypto::Keys* keys,
                      const registry::Registry& registry, reports::ReportService& reports,
                      audit::AuditLog* audit);

  // For modules, inside their transaction: the template `code` rendered with
  // `vars` in the user's language, to their inbox and, as they chose, by SMS
  // and email (urgent ones also in quiet hours).
  Status toUser(storage::Tx& tx, int64_t user_id, const std::string& code, const Vars& vars,
                std::optional<std::string> link = std::nullopt, bool urgent = false);

  Result<Inbox> inbox(const Caller& caller, bool unread_only, int page, int page_size);
  Result<int64_t> unreadCount(const Caller& caller);
  Status markRead(const Caller& caller, int64_t message_id);
  Result<int64_t> markAllRead(const Caller& caller);
  Result<Preferences> preferences(const Caller& caller);
  Result<Preferences> setPreferences(const Caller& caller, const PreferencesUpdate& p);

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
  const crypto::Keys* keys_;
  const registry::Registry& registry_;
  reports::ReportService& reports_;
  audit::AuditLog* audit_;
};

void registerRoutes(http::Router& router, NotificationService& notifications);

}  // namespace linli::notify
