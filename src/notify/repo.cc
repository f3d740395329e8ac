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

Result<int64_t> insertNotice(storage::Tx& tx, const Notice& n, const std::string& audience,
                             const registry::PlacePath& place, int64_t by) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("INSERT INTO notices (title, body, urgent, audience, street_id, community_id, "
               "grid_id, created_by, created_at, recipients, without_phone) VALUES (?, ?, ?, ?, "
               "?, ?, ?, ?, ?, 0, 0) RETURNING id",
               {n.title, n.body, int64_t{n.urgent}, audience, place.street_id,
                storage::optionalValue(place.community_id), storage::optionalValue(place.grid_id),
                by, n.created_at}));
  return rows.front().i64(0);
}

Result<std::string> placeName(storage::Tx& tx, const registry::PlacePath& p) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows, p.community_id
                     ? tx.query("SELECT name FROM communities WHERE id = ?", {*p.community_id})
                     : tx.query("SELECT name FROM streets WHERE id = ?", {p.street_id}));
  return rows.empty() ? std::string() : rows.front().str(0);
}

Status setNoticeCounts(storage::Tx& tx, int64_t id, int64_t recipients, int64_t without_phone) {
  return tx
      .exec("UPDATE notices SET recipients = ?, without_phone = ? WHERE id = ?",
            {recipients, without_phone, id})
      .status();
}

namespace {
// The selected residents with their phones, and their households with none.
constexpr const char* kSelected =
    "SELECT res.id, res.household_id, res.phone_hash, res.phone_sealed, res.phone_last4 "
    "FROM json_each(?7) j JOIN residents res ON res.id = j.value";
constexpr const char* kUnreachableHouseholds =
    "SELECT res.household_id FROM json_each(?7) j JOIN residents res ON res.id = j.value "
    "GROUP BY res.household_id HAVING COUNT(res.phone_hash) = 0";
}  // namespace

Result<std::pair<int64_t, int64_t>> queueNoticeMessages(storage::Tx& tx, int64_t notice_id,
                                                        const std::string& ids_json,
                                                        const NoticeText& t) {
  const std::vector<Value> params = {notice_id, t.subject, t.body,  int64_t{t.urgent},
                                     t.next_at, t.now,     ids_json};
  const std::string columns =
      "INSERT INTO messages (channel, resident_id, notice_id, address_sealed, address_masked, "
      "subject, body, urgent, status, next_at, created_at, dedupe_key) ";
  // One SMS per phone number: a resident's own, else their household's.
  LINLI_ASSIGN_OR_RETURN(
      int64_t own,
      tx.exec(columns +
                  "SELECT 'sms', MIN(s.id), ?1, s.phone_sealed, '*******' || s.phone_last4, ?2, "
                  "?3, ?4, 'queued', ?5, ?6, 'notice:' || ?1 || ':phone:' || s.phone_hash FROM (" +
                  kSelected + ") s WHERE s.phone_hash IS NOT NULL GROUP BY s.phone_hash",
              params));
  LINLI_ASSIGN_OR_RETURN(
      int64_t household,
      tx.exec(columns +
                  "SELECT 'sms', NULL, ?1, h.phone_sealed, '*******' || h.phone_last4, ?2, ?3, "
                  "?4, 'queued', ?5, ?6, 'notice:' || ?1 || ':phone:' || h.phone_hash FROM "
                  "households h WHERE h.phone_hash IS NOT NULL AND h.id IN (" +
                  kUnreachableHouseholds + ") ON CONFLICT (dedupe_key) DO NOTHING",
              params));
  // One in-app message per account linked to a selected resident.
  LINLI_ASSIGN_OR_RETURN(
      int64_t in_app,
      tx.exec("INSERT INTO messages (channel, user_id, resident_id, notice_id, subject, body, "
              "urgent, status, next_at, created_at, sent_at, dedupe_key) SELECT 'in_app', u.id, "
              "u.resident_id, ?1, ?2, ?3, ?4, 'sent', ?5, ?6, ?6, 'notice:' || ?1 || ':user:' || "
              "u.id FROM json_each(?7) j JOIN users u ON u.resident_id = j.value WHERE "
              "u.disabled = 0",
              params));
  return std::make_pair(own + household, in_app);
}

Status saveVisits(storage::Tx& tx, int64_t notice_id, const std::string& ids_json) {
  return tx
      .exec(std::string("INSERT INTO notice_visits (notice_id, household_id) SELECT ?1, h.id FROM "
                        "households h WHERE h.phone_hash IS NULL AND h.id IN (") +
                kUnreachableHouseholds + ")",
            {notice_id, nullptr, nullptr, nullptr, nullptr, nullptr, ids_json})
      .status();
}

Result<AudienceCount> countAudience(storage::Tx& tx, const std::string& ids_json) {
  const std::vector<Value> params = {nullptr, nullptr, nullptr, nullptr,
                                     nullptr, nullptr, ids_json};
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(std::string("WITH s AS (") + kSelected +
                   "), quiet AS (SELECT h.phone_hash FROM households h WHERE h.id IN (" +
                   kUnreachableHouseholds +
                   ")) SELECT (SELECT COUNT(*) FROM s), "
                   "(SELECT COUNT(*) FROM (SELECT phone_hash FROM s WHERE phone_hash IS NOT NULL "
                   "UNION SELECT phone_hash FROM quiet WHERE phone_hash IS NOT NULL)), "
                   "(SELECT COUNT(*) FROM s JOIN users u ON u.resident_id = s.id WHERE "
                   "u.disabled = 0), "
                   "(SELECT COUNT(*) FROM s WHERE phone_hash IS NULL), "
                   "(SELECT COUNT(*) FROM quiet WHERE phone_hash IS NULL)",
               params));
  const auto& r = rows.front();
  return AudienceCount{r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.i64(4)};
}

Result<std::vector<Notice>> notices(storage::Tx& tx, const registry::PlacePath& within,
                                    std::optional<int64_t> id) {
  std::vector<Value> params;
  std::string where =
      storage::placeFilter("n", within.street_id, within.community_id, within.grid_id, params);
  if (id) {
    where += " AND n.id = ?";
    params.emplace_back(*id);
  }
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT n.id, n.title, n.body, n.urgent, n.created_at, "
                          "COALESCE(u.display_name, ''), n.recipients, n.without_phone FROM "
                          "notices n LEFT JOIN users u ON u.id = n.created_by WHERE " +
                              where + " ORDER BY n.id DESC LIMIT 50",
                          params));
  std::vector<Notice> out;
  for (const auto& r : rows) {
    Notice n{.id = r.i64(0),
             .title = r.str(1),
             .body = r.str(2),
             .urgent = r.i64(3) != 0,
             .created_at = r.i64(4),
             .created_by_name = r.str(5),
             .recipients = r.i64(6),
             .without_phone = r.i64(7)};
    LINLI_ASSIGN_OR_RETURN(
        auto counts, tx.query("SELECT status, read_at IS NOT NULL, COUNT(*) FROM messages WHERE "
                              "notice_id = ? GROUP BY 1, 2",
                              {n.id}));
    for (const auto& c : counts) {
      const std::string status = c.str(0);
      const int64_t k = c.i64(2);
      if (status == "sent")
        n.progress.sent += k;
      else if (status == "failed")
        n.progress.failed += k;
      else
        n.progress.queued += k;
      if (c.i64(1) != 0) n.progress.read += k;
    }
    out.push_back(std::move(n));
  }
  return out;
}

Result<std::vector<DeliveryFailure>> failures(storage::Tx& tx, int64_t notice_id) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT address_masked, COALESCE(last_error, ''), attempts FROM "
                          "messages WHERE notice_id = ? AND status = 'failed' ORDER BY id LIMIT "
                          "200",
                          {notice_id}));
  std::vector<DeliveryFailure> out;
  for (const auto& r : rows) out.push_back({r.str(0), r.str(1), static_cast<int>(r.i64(2))});
  return out;
}

Result<std::vector<VisitHousehold>> visits(storage::Tx& tx, int64_t notice_id) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT h.id, b.address || ' ' || h.unit || '单元 ' || h.room, (SELECT COUNT(*) "
               "FROM residents r WHERE r.household_id = h.id AND r.status = 'active') FROM "
               "notice_visits v JOIN households h ON h.id = v.household_id JOIN buildings b ON "
               "b.id = h.building_id WHERE v.notice_id = ? ORDER BY b.address, h.unit, h.room "
               "LIMIT 1000",
               {notice_id}));
  std::vector<VisitHousehold> out;
  for (const auto& r : rows) out.push_back({r.i64(0), r.str(1), r.i64(2)});
  return out;
}

}  // namespace linli::notify::repo
