// Notification use cases: messages to users (for modules), the inbox, the
// channel preferences, and mass notices.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "auth/permissions.h"
#include "notify/notify.h"
#include "notify/repo.h"
#include "registry/personal_data.h"

namespace linli::notify {

namespace {
constexpr const char* kEmailPurpose = "email";

std::string idsJson(const std::vector<int64_t>& ids) {
  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  return out + "]";
}

std::string maskEmail(const std::string& e) {
  const auto at = e.find('@');
  if (at == std::string::npos || at == 0) return "***";
  return e.substr(0, 1) + "***" + e.substr(at);
}
}  // namespace

NotificationService::NotificationService(storage::Db& db, const Clock& clock,
                                         const crypto::Keys* keys,
                                         const registry::Registry& registry,
                                         reports::ReportService& reports, audit::AuditLog* audit)
    : db_(db), clock_(clock), keys_(keys), registry_(registry), reports_(reports), audit_(audit) {}

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

Result<Inbox> NotificationService::inbox(const Caller& caller, bool unread_only, int page,
                                         int page_size) {
  LINLI_TRY(auth::require(caller, "self.read"));
  return storage::readResult<Inbox>(db_, [&](storage::Tx& tx) {
    return repo::inbox(tx, caller.principal->user_id, unread_only, page, page_size);
  });
}

Result<int64_t> NotificationService::unreadCount(const Caller& caller) {
  LINLI_TRY(auth::require(caller, "self.read"));
  return storage::readResult<int64_t>(
      db_, [&](storage::Tx& tx) { return repo::unread(tx, caller.principal->user_id); });
}

Status NotificationService::markRead(const Caller& caller, int64_t message_id) {
  LINLI_TRY(auth::require(caller, "self.read"));
  return db_.write([&](storage::Tx& tx) -> Status {
    LINLI_ASSIGN_OR_RETURN(bool found,
                           repo::markRead(tx, caller.principal->user_id, message_id, clock_.now()));
    return found ? Status::Ok() : notFound("no such message in your inbox");
  });
}

Result<int64_t> NotificationService::markAllRead(const Caller& caller) {
  LINLI_TRY(auth::require(caller, "self.read"));
  return storage::writeResult<int64_t>(db_, [&](storage::Tx& tx) {
    return repo::markAllRead(tx, caller.principal->user_id, clock_.now());
  });
}

Result<Preferences> NotificationService::preferences(const Caller& caller) {
  LINLI_TRY(auth::require(caller, "self.read"));
  return storage::readResult<Preferences>(db_, [&](storage::Tx& tx) -> Result<Preferences> {
    LINLI_ASSIGN_OR_RETURN(auto row, repo::prefs(tx, caller.principal->user_id));
    return row.prefs;
  });
}

Result<Preferences> NotificationService::setPreferences(const Caller& caller,
                                                        const PreferencesUpdate& in) {
  LINLI_TRY(auth::require(caller, "self.read"));
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
  std::optional<registry::StoredSecret> phone;
  if (in.phone && !in.phone->empty()) {
    LINLI_ASSIGN_OR_RETURN(auto digits, registry::normalizePhone(*in.phone, "phone"));
    if (!keys_) return internalError("notifications have no keys");
    phone = registry::storeSecret(*keys_, registry::kPhonePurpose, digits);
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

Result<std::vector<int64_t>> NotificationService::residentsOf(const Caller& caller,
                                                              const Audience& a) {
  if (!a.report_id && !a.community_id && !a.grid_id && a.building_ids.empty())
    return invalidArgument("audience", "choose a saved report or a place");
  LINLI_TRY(checkPlaces(caller, a));
  std::set<int64_t> ids;
  auto add = [&](const reports::Filter& f) -> Status {
    LINLI_ASSIGN_OR_RETURN(auto found, reports_.residentIds(caller, f));
    ids.insert(found.begin(), found.end());
    return Status::Ok();
  };
  if (a.report_id) {
    auto f = reports_.templateFilter(caller, *a.report_id);
    if (!f.ok())
      return f.status().code() == Code::kNotFound
                 ? invalidArgument("audience.report_id", "no such saved report")
                 : f.status();
    LINLI_TRY(add(*f));
  }
  if (a.community_id || a.grid_id) {
    reports::Filter f;
    f.community_id = a.community_id;
    f.grid_id = a.grid_id;
    LINLI_TRY(add(f));
  }
  for (int64_t b : a.building_ids) {
    reports::Filter f;
    f.building_id = b;
    LINLI_TRY(add(f));
  }
  return std::vector<int64_t>(ids.begin(), ids.end());
}

Status NotificationService::checkPlaces(const Caller& caller, const Audience& a) {
  const registry::PlacePath mine = registry::placeOf(*caller.principal);
  return db_.read([&](storage::Tx& tx) -> Status {
    auto check = [&](ScopeKind kind, int64_t id, const std::string& field,
                     const char* what) -> Status {
      auto found = registry_.resolve(tx, {kind, id}, field);
      if (found.ok() && registry::covers(mine, found->path)) return Status::Ok();
      if (!found.ok() && found.status().code() != Code::kNotFound) return found.status();
      return invalidArgument(
          field, std::string("no such ") + what + " in your area: " + std::to_string(id));
    };
    if (a.community_id)
      LINLI_TRY(
          check(ScopeKind::kCommunity, *a.community_id, "audience.community_id", "community"));
    if (a.grid_id) LINLI_TRY(check(ScopeKind::kGrid, *a.grid_id, "audience.grid_id", "grid"));
    for (int64_t b : a.building_ids) {
      LINLI_ASSIGN_OR_RETURN(auto at, registry_.locate(tx, b, std::nullopt));
      if (!at || !registry::covers(mine, at->place))
        return invalidArgument("audience.building_ids",
                               "no such building in your area: " + std::to_string(b));
    }
    return Status::Ok();
  });
}

Result<AudienceCount> NotificationService::preview(const Caller& caller, const Audience& a) {
  LINLI_TRY(auth::require(caller, "notices.send"));
  LINLI_ASSIGN_OR_RETURN(auto ids, residentsOf(caller, a));
  const std::string json = idsJson(ids);
  return storage::readResult<AudienceCount>(
      db_, [&](storage::Tx& tx) { return repo::countAudience(tx, json); });
}

Result<Notice> NotificationService::sendNotice(const Caller& caller, const std::string& title,
                                               const std::string& body, const Audience& a,
                                               bool urgent) {
  LINLI_TRY(auth::require(caller, "notices.send"));
  LINLI_ASSIGN_OR_RETURN(auto ids, residentsOf(caller, a));
  return storage::writeResult<Notice>(
      db_, [&](storage::Tx& tx) { return queueNotice(tx, caller, title, body, ids, a, urgent); });
}

Result<Notice> NotificationService::queueNotice(storage::Tx& tx, const Caller& caller,
                                                const std::string& title, const std::string& body,
                                                const std::vector<int64_t>& ids, const Audience& a,
                                                bool urgent) {
  LINLI_TRY(auth::require(caller, "notices.send"));
  if (ids.empty()) return invalidArgument("audience", "nobody matches this audience");
  const std::string json = idsJson(ids);
  nlohmann::json audience = {{"residents", ids.size()}};
  if (a.report_id) audience["report_id"] = *a.report_id;
  if (a.community_id) audience["community_id"] = *a.community_id;
  if (a.grid_id) audience["grid_id"] = *a.grid_id;
  if (!a.building_ids.empty()) audience["building_ids"] = a.building_ids;
  const Principal& me = *caller.principal;
  const TimeMs now = clock_.now();
  Notice n{.title = title, .body = body, .urgent = urgent, .created_at = now};
  LINLI_ASSIGN_OR_RETURN(
      n.id, repo::insertNotice(tx, n, audience.dump(), registry::placeOf(me), me.user_id));
  LINLI_ASSIGN_OR_RETURN(auto text, repo::templateText(tx, "notice", "zh-CN"));
  if (!text) return internalError("no message template notice");
  LINLI_ASSIGN_OR_RETURN(std::string place, repo::placeName(tx, registry::placeOf(me)));
  const Vars vars = {{"title", title}, {"body", body}, {"community", place}};
  // Residents have no quiet-hours setting of their own: the default window holds.
  repo::NoticeText t{.subject = render(text->first, vars),
                     .body = render(text->second, vars),
                     .urgent = urgent,
                     .next_at = releaseAt(now, QuietHours{}, urgent),
                     .now = now};
  LINLI_ASSIGN_OR_RETURN(auto queued, repo::queueNoticeMessages(tx, n.id, json, t));
  LINLI_TRY(repo::saveVisits(tx, n.id, json));
  LINLI_ASSIGN_OR_RETURN(auto counts, repo::countAudience(tx, json));
  LINLI_TRY(repo::setNoticeCounts(tx, n.id, counts.residents, counts.without_phone));
  n.recipients = counts.residents;
  n.without_phone = counts.without_phone;
  n.created_by_name = me.username;
  n.progress.queued = queued.first;
  n.progress.sent = queued.second;
  if (audit_)
    LINLI_TRY(audit_->record(
        tx, caller,
        {.action = "notices.send",
         .target_type = "notice",
         .target_id = std::to_string(n.id),
         .detail = {
             {"residents", counts.residents}, {"sms", queued.first}, {"in_app", queued.second}}}));
  return n;
}

Result<Notice> NotificationService::visibleNotice(storage::Tx& tx, const Caller& caller,
                                                  int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto found, repo::notices(tx, registry::placeOf(*caller.principal), id));
  if (found.empty()) return notFound("no such notice");
  return std::move(found.front());
}

Result<std::vector<Notice>> NotificationService::notices(const Caller& caller) {
  LINLI_TRY(auth::require(caller, "notices.send"));
  return storage::readResult<std::vector<Notice>>(db_, [&](storage::Tx& tx) {
    return repo::notices(tx, registry::placeOf(*caller.principal), std::nullopt);
  });
}

Result<Notice> NotificationService::notice(const Caller& caller, int64_t id) {
  LINLI_TRY(auth::require(caller, "notices.send"));
  return storage::readResult<Notice>(
      db_, [&](storage::Tx& tx) { return visibleNotice(tx, caller, id); });
}

Result<std::vector<DeliveryFailure>> NotificationService::failures(const Caller& caller,
                                                                   int64_t id) {
  LINLI_TRY(auth::require(caller, "notices.send"));
  return storage::readResult<std::vector<DeliveryFailure>>(
      db_, [&](storage::Tx& tx) -> Result<std::vector<DeliveryFailure>> {
        LINLI_TRY(visibleNotice(tx, caller, id).status());
        return repo::failures(tx, id);
      });
}

Result<std::vector<VisitHousehold>> NotificationService::visits(const Caller& caller, int64_t id) {
  LINLI_TRY(auth::require(caller, "notices.send"));
  return storage::readResult<std::vector<VisitHousehold>>(
      db_, [&](storage::Tx& tx) -> Result<std::vector<VisitHousehold>> {
        LINLI_TRY(visibleNotice(tx, caller, id).status());
        return repo::visits(tx, id);
      });
}

}  // namespace linli::notify
