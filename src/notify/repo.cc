#include "notify/repo.h"

#include "storage/place_filter.h"

namespace linli::notify::repo {

using storage::Row;
using storage::Value;

Result<PrefsRow> prefs(storage::Tx& tx, int64_t user_id) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT sms, email, COALESCE(phone_last4, ''), email_address, quiet_start, "
               "quiet_end, phone_sealed, locale FROM notification_prefs WHERE user_id = ?",
               {user_id}));
  PrefsRow out;
  if (rows.empty()) return out;
  const auto& r = rows.front();
  out.prefs.sms = r.i64(0) != 0;
  out.prefs.email = r.i64(1) != 0;
  out.prefs.phone_last4 = r.str(2);
  out.prefs.email_address = r.str(3);
  out.prefs.quiet = {parseClockTime(r.str(4)).value_or(22 * 60),
                     parseClockTime(r.str(5)).value_or(7 * 60)};
  if (!r.isNull(6)) out.phone_sealed = r.str(6);
  out.prefs.locale = r.str(7);
  return out;
}

Status savePrefs(storage::Tx& tx, int64_t user_id, const Preferences& p,
                 const std::optional<std::string>& phone_sealed) {
  return tx
      .exec(
          "INSERT INTO notification_prefs (user_id, sms, email, phone_sealed, phone_last4, "
          "email_address, quiet_start, quiet_end, locale) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
          "ON CONFLICT (user_id) DO UPDATE SET sms = excluded.sms, email = excluded.email, "
          "phone_sealed = excluded.phone_sealed, phone_last4 = excluded.phone_last4, "
          "email_address = excluded.email_address, quiet_start = excluded.quiet_start, "
          "quiet_end = excluded.quiet_end, locale = excluded.locale",
          {user_id, int64_t{p.sms}, int64_t{p.email}, storage::optionalValue(phone_sealed),
           p.phone_last4.empty() ? Value(nullptr) : Value(p.phone_last4), p.email_address,
           formatClockTime(p.quiet.start_minute), formatClockTime(p.quiet.end_minute), p.locale})
      .status();
}

Result<std::optional<std::pair<std::string, std::string>>> templateText(storage::Tx& tx,
                                                                        const std::string& code,
                                                                        const std::string& locale) {
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         tx.query("SELECT subject, body FROM notification_templates WHERE code = ? "
                                  "AND locale IN (?, 'zh-CN') ORDER BY locale = ? DESC LIMIT 1",
                                  {code, locale, locale}));
  if (rows.empty()) return std::optional<std::pair<std::string, std::string>>();
  return std::optional(std::make_pair(rows.front().str(0), rows.front().str(1)));
}

Status insertMessage(storage::Tx& tx, const NewMessage& m) {
  const bool in_app = m.channel == "in_app";
  return tx
      .exec(
          "INSERT INTO messages (channel, user_id, resident_id, notice_id, address_sealed, "
          "address_masked, subject, body, link, urgent, status, next_at, created_at, sent_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {m.channel, storage::optionalValue(m.user_id), storage::optionalValue(m.resident_id),
           storage::optionalValue(m.notice_id), storage::optionalValue(m.address_sealed),
           m.address_masked, m.subject, m.body, storage::optionalValue(m.link), int64_t{m.urgent},
           in_app ? "sent" : "queued", m.next_at, m.created_at,
           in_app ? Value(m.created_at) : Value(nullptr)})
      .status();
}

Result<Inbox> inbox(storage::Tx& tx, int64_t user_id, bool unread_only, int page, int page_size) {
  const std::string where = std::string("WHERE channel = 'in_app' AND user_id = ?") +
                            (unread_only ? " AND read_at IS NULL" : "");
  Inbox out;
  LINLI_ASSIGN_OR_RETURN(auto count, tx.query("SELECT COUNT(*) FROM messages " + where, {user_id}));
  out.total = count.front().i64(0);
  LINLI_ASSIGN_OR_RETURN(out.unread, unread(tx, user_id));
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT id, subject, body, urgent, created_at, read_at, link FROM "
                          "messages " +
                              where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                          {user_id, int64_t{page_size}, int64_t{page - 1} * page_size}));
  for (const auto& r : rows)
    out.items.push_back({r.i64(0), r.str(1), r.str(2), r.i64(3) != 0, r.i64(4), r.optI64(5),
                         r.isNull(6) ? std::nullopt : std::optional<std::string>(r.str(6))});
  return out;
}

Result<int64_t> unread(storage::Tx& tx, int64_t user_id) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT COUNT(*) FROM messages WHERE channel = "
                                             "'in_app' AND user_id = ? AND read_at IS NULL",
                                             {user_id}));
  return rows.front().i64(0);
}

Result<bool> markRead(storage::Tx& tx, int64_t user_id, int64_t id, TimeMs at) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT read_at FROM messages WHERE id = ? AND channel = 'in_app' AND "
                          "user_id = ?",
                          {id, user_id}));
  if (rows.empty()) return false;
  if (rows.front().isNull(0))
    LINLI_TRY(tx.exec("UPDATE messages SET read_at = ? WHERE id = ?", {at, id}).status());
  return true;
}

Result<int64_t> markAllRead(storage::Tx& tx, int64_t user_id, TimeMs at) {
  return tx.exec(
      "UPDATE messages SET read_at = ? WHERE channel = 'in_app' AND user_id = ? AND read_at IS "
      "NULL",
      {at, user_id});
}

}  // namespace linli::notify::repo
