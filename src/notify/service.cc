// Notification use cases: messages to users (for modules), the inbox and the
// channel preferences.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "access/access.h"
#include "notify/notify.h"
#include "notify/repo.h"
#include "personal/personal_data.h"

namespace linli::notify {

namespace {
constexpr const char* kEmailPurpose = "email";

std::string maskEmail(const std::string& e) {
  const auto at = e.find('@');
  if (at == std::string::npos || at == 0) return "***";
  return e.substr(0, 1) + "***" + e.substr(at);
}
}  // namespace

NotificationService::NotificationService(storage::Db& db, const Clock& clock,
                                         const crypto::Keys* keys)
    : db_(db), clock_(clock), keys_(keys) {}

Status NotificationService::toUser(storage::Tx& tx, int64_t user_id, const std::string& code,
                                   const Vars& vars, std::optional<std::string> link, bool urgent) {
  LINLI_ASSIGN_OR_RETURN(auto prefs, repo::prefs(tx, user_id));
  LINLI_ASSIGN_OR_RETURN(auto text, repo::templateText(tx, code, prefs.prefs.locale));
  if (!text) return internalError("no message template " + code);
  const std::string subject = render(text->first, vars), body = render(text->second, vars);
  const TimeMs now = clock_.now();
  repo::NewMessage m{.channel = "in_app",
                     .user_id = user_id,
                     .subject = subject,
                     .body = body,
                     .link = link,
                     .urgent = urgent,
                     .next_at = now,
                     .created_at = now};
  LINLI_TRY(repo::insertMessage(tx, m));
  const TimeMs release = releaseAt(now, prefs.prefs.quiet, urgent);
  if (prefs.prefs.sms && prefs.phone_sealed) {
    m.channel = "sms";
    m.address_sealed = prefs.phone_sealed;
    m.address_masked = "*******" + prefs.prefs.phone_last4;
    m.next_at = release;
    LINLI_TRY(repo::insertMessage(tx, m));
  }
  if (prefs.prefs.email && !prefs.prefs.email_address.empty() && keys_) {
    m.channel = "email";
    m.address_sealed = keys_->seal(kEmailPurpose, prefs.prefs.email_address);
    m.address_masked = maskEmail(prefs.prefs.email_address);
    m.next_at = release;
    LINLI_TRY(repo::insertMessage(tx, m));
  }
  return Status::Ok();
}

Status NotificationService::toPhone(storage::Tx& tx, const std::string& phone_sealed,
                                    const std::string& phone_last4, const std::string& code,
                                    const Vars& vars, const std::string& locale, bool urgent) {
  LINLI_ASSIGN_OR_RETURN(auto text, repo::templateText(tx, code, locale));
  if (!text) return internalError("no message template " + code);
  const TimeMs now = clock_.now();
  return repo::insertMessage(tx, {.channel = "sms",
                                  .address_sealed = phone_sealed,
                                  .address_masked = "*******" + phone_last4,
                                  .subject = render(text->first, vars),
                                  .body = render(text->second, vars),
                                  .urgent = urgent,
                                  .next_at = releaseAt(now, QuietHours{}, urgent),
                                  .created_at = now});
}

Result<Inbox> NotificationService::inbox(const Caller& caller, bool unread_only, int page,
                                         int page_size) {
  LINLI_TRY(access::require(caller, "self.read"));
  return storage::readResult<Inbox>(db_, [&](storage::Tx& tx) {
    return repo::inbox(tx, caller.principal->user_id, unread_only, page, page_size);
  });
}

Result<int64_t> NotificationService::unreadCount(const Caller& caller) {
  LINLI_TRY(access::require(caller, "self.read"));
  return storage::readResult<int64_t>(
      db_, [&](storage::Tx& tx) { return repo::unread(tx, caller.principal->user_id); });
}

Status NotificationService::markRead(const Caller& caller, int64_t message_id) {
  LINLI_TRY(access::require(caller, "self.read"));
  return db_.write([&](storage::Tx& tx) -> Status {
    LINLI_ASSIGN_OR_RETURN(bool found,
                           repo::markRead(tx, caller.principal->user_id, message_id, clock_.now()));
    return found ? Status::Ok() : notFound("no such message in your inbox");
  });
}

Result<int64_t> NotificationService::markAllRead(const Caller& caller) {
  LINLI_TRY(access::require(caller, "self.read"));
  return storage::writeResult<int64_t>(db_, [&](storage::Tx& tx) {
    return repo::markAllRead(tx, caller.principal->user_id, clock_.now());
  });
}

Result<Preferences> NotificationService::preferences(const Caller& caller) {
  LINLI_TRY(access::require(caller, "self.read"));
  return storage::readResult<Preferences>(db_, [&](storage::Tx& tx) -> Result<Preferences> {
    LINLI_ASSIGN_OR_RETURN(auto row, repo::prefs(tx, caller.principal->user_id));
    return row.prefs;
  });
}

Result<Preferences> NotificationService::setPreferences(const Caller& caller,
                                                        const PreferencesUpdate& in) {
  LINLI_TRY(access::require(caller, "self.read"));
  if (!in.email_address.empty()) {
    const auto at = in.email_address.find('@');
    if (at == std::string::npos || at == 0 || in.email_address.find('.', at) == std::string::npos ||
        in.email_address.find_first_of(" \r\n<>") != std::string::npos)
      return invalidArgument("email_address", "not an email address");
  }
  if (in.locale && *in.locale != "zh-CN" && *in.locale != "en")
    return invalidArgument("locale", "locale is zh-CN or en");
  if (in.email && in.email_address.empty())
    return invalidArgument("email_address", "give an address to receive email");
  std::optional<personal::StoredSecret> phone;
  if (in.phone && !in.phone->empty()) {
    LINLI_ASSIGN_OR_RETURN(auto digits, personal::normalizePhone(*in.phone, "phone"));
    if (!keys_) return internalError("notifications have no keys");
    phone = personal::storeSecret(*keys_, personal::kPhonePurpose, digits);
  }
  return storage::writeResult<Preferences>(db_, [&](storage::Tx& tx) -> Result<Preferences> {
    LINLI_ASSIGN_OR_RETURN(auto row, repo::prefs(tx, caller.principal->user_id));
    Preferences p{.sms = in.sms,
                  .email = in.email,
                  .locale = in.locale.value_or(row.prefs.locale),
                  .phone_last4 = phone ? phone->last4 : row.prefs.phone_last4,
                  .email_address = in.email_address,
                  .quiet = in.quiet};
    std::optional<std::string> sealed = phone ? std::optional(phone->sealed) : row.phone_sealed;
    if (p.sms && !sealed) return invalidArgument("phone", "give a phone to receive SMS");
    LINLI_TRY(repo::savePrefs(tx, caller.principal->user_id, p, sealed));
    return p;
  });
}

Result<std::pair<std::string, std::string>> NotificationService::renderTemplate(
    storage::Tx& tx, const std::string& code, const std::string& locale, const Vars& vars) const {
  LINLI_ASSIGN_OR_RETURN(auto text, repo::templateText(tx, code, locale));
  if (!text) return internalError("no message template " + code);
  return std::pair{render(text->first, vars), render(text->second, vars)};
}

}  // namespace linli::notify
