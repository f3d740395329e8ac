// Notifications door (通知): one service through which every module reaches
// people. A message is a row of the outbox, written in the caller's
// transaction, so a notification exists exactly when the change it tells of
// was committed. In-app messages land in the user's inbox at once; SMS and
// email wait for the Dispatcher (dispatcher.h), which sends them through a
// Channel with retries, holding non-urgent ones through quiet hours.
// Depends on no domain room: mass notices (notices/) sit above it.
// Scope: an inbox is its owner's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/access.h"
#include "common/clock.h"
#include "common/result.h"
#include "common/scope.h"
#include "crypto/keys.h"
#include "module/module.h"
#include "notify/message_text.h"
#include "notify/quiet_hours.h"
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

class NotificationService {
 public:
  NotificationService(storage::Db& db, const Clock& clock, const crypto::Keys* keys);

  // For modules, inside their transaction: the template `code` rendered with
  // `vars` in the user's language, to their inbox and, as they chose, by SMS
  // and email (urgent ones also in quiet hours).
  Status toUser(storage::Tx& tx, int64_t user_id, const std::string& code, const Vars& vars,
                std::optional<std::string> link = std::nullopt, bool urgent = false);
  // For someone with no account (a hotline caller), inside the caller's
  // transaction: the template `code` in `locale`, by SMS to a phone sealed for
  // personal::kPhonePurpose, held through the default quiet hours unless urgent.
  Status toPhone(storage::Tx& tx, const std::string& phone_sealed, const std::string& phone_last4,
                 const std::string& code, const Vars& vars, const std::string& locale = "zh-CN",
                 bool urgent = false);
  // The template `code` rendered with `vars` in `locale` (falling back to
  // zh-CN): (subject, body). Internal when there is no such template.
  Result<std::pair<std::string, std::string>> renderTemplate(storage::Tx& tx,
                                                             const std::string& code,
                                                             const std::string& locale,
                                                             const Vars& vars) const;

  Result<Inbox> inbox(const Caller& caller, bool unread_only, int page, int page_size);
  Result<int64_t> unreadCount(const Caller& caller);
  Status markRead(const Caller& caller, int64_t message_id);
  Result<int64_t> markAllRead(const Caller& caller);
  Result<Preferences> preferences(const Caller& caller);
  Result<Preferences> setPreferences(const Caller& caller, const PreferencesUpdate& p);

 private:
  storage::Db& db_;
  const Clock& clock_;
  const crypto::Keys* keys_;
};

void registerRoutes(http::Router& router, NotificationService& notifications);

// The actions this module checks and which roles hold them (permissions.cc).
std::vector<access::Rule> grants();
// This module as a room of the composition root (module.cc).
module::RoomDef room();

}  // namespace linli::notify
