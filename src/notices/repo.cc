#include "notices/repo.h"

#include "storage/place_filter.h"

namespace linli::notices::repo {

using storage::Row;
using storage::Value;

Result<int64_t> insertNotice(storage::Tx& tx, const Notice& n, const std::string& audience,
                             const access::PlacePath& place, int64_t by) {
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

Result<std::string> placeName(storage::Tx& tx, const access::PlacePath& p) {
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

Result<std::vector<Notice>> notices(storage::Tx& tx, const access::PlacePath& within,
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

}  // namespace linli::notices::repo
