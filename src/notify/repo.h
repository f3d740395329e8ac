// Notifications storage port: preferences, templates and the outbox
// (messages). SQL lives here and nowhere else.
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

// ---- the outbox, for the dispatcher (repo_outbox.cc)
struct OutboxMessage {
  int64_t id = 0;
  std::string channel, address_sealed, subject, body;
  int attempts = 0;  // including this one
};
// Leases up to `batch` due messages of these channels (queued and due, or
// sending with an expired lease) until `lease_until`, counting the attempt.
Result<std::vector<OutboxMessage>> claimDue(storage::Tx& tx,
                                            const std::vector<std::string>& channels, TimeMs now,
                                            TimeMs lease_until, int batch);
Status markSent(storage::Tx& tx, int64_t id, TimeMs at);
// Queued again for `next_at`, or failed for good when `last`.
Status markFailed(storage::Tx& tx, int64_t id, bool last, TimeMs next_at, const std::string& error);

}  // namespace linli::notify::repo
