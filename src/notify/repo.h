// Notifications storage port: preferences, templates, the outbox (messages)
// and notices. SQL lives here and nowhere else.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "notify/notify.h"

namespace linli::notify::repo {

struct PrefsRow {
  Preferences prefs;
  std::optional<std::string> phone_sealed;
};
Result<PrefsRow> prefs(storage::Tx& tx, int64_t user_id);
Status savePrefs(storage::Tx& tx, int64_t user_id, const Preferences& p,
                 const std::optional<std::string>& phone_sealed);

// (subject, body) of a template in a locale, falling back to zh-CN.
Result<std::optional<std::pair<std::string, std::string>>> templateText(storage::Tx& tx,
                                                                        const std::string& code,
                                                                        const std::string& locale);

struct NewMessage {
  std::string channel;  // in_app | sms | email
  std::optional<int64_t> user_id, resident_id, notice_id;
  std::optional<std::string> address_sealed;
  std::string address_masked, subject, body;
  std::optional<std::string> link;
  bool urgent = false;
  TimeMs next_at = 0, created_at = 0;
};
Status insertMessage(storage::Tx& tx, const NewMessage& m);

Result<Inbox> inbox(storage::Tx& tx, int64_t user_id, bool unread_only, int page, int page_size);
Result<int64_t> unread(storage::Tx& tx, int64_t user_id);
Result<bool> markRead(storage::Tx& tx, int64_t user_id, int64_t id, TimeMs at);
Result<int64_t> markAllRead(storage::Tx& tx, int64_t user_id, TimeMs at);

// Notices: the messages of a notice are written by set-based statements over
// the selected resident ids (a JSON array), so 100,000 take one statement each.
Result<int64_t> insertNotice(storage::Tx& tx, const Notice& n, const std::string& audience,
                             const registry::PlacePath& place, int64_t by);
// The community's name, or the street's for a street-level place.
Result<std::string> placeName(storage::Tx& tx, const registry::PlacePath& p);
Status setNoticeCounts(storage::Tx& tx, int64_t id, int64_t recipients, int64_t without_phone);
struct NoticeText {
  std::string subject, body;
  bool urgent = false;
  TimeMs next_at = 0, now = 0;
};
// Returns (sms queued, in-app written).
Result<std::pair<int64_t, int64_t>> queueNoticeMessages(storage::Tx& tx, int64_t notice_id,
                                                        const std::string& ids_json,
                                                        const NoticeText& t);
Status saveVisits(storage::Tx& tx, int64_t notice_id, const std::string& ids_json);
Result<AudienceCount> countAudience(storage::Tx& tx, const std::string& ids_json);
Result<std::vector<Notice>> notices(storage::Tx& tx, const registry::PlacePath& within,
                                    std::optional<int64_t> id);
Result<std::vector<DeliveryFailure>> failures(storage::Tx& tx, int64_t notice_id);
Result<std::vector<VisitHousehold>> visits(storage::Tx& tx, int64_t notice_id);

}  // namespace linli::notify::repo
