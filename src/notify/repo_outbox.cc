#include "notify/repo.h"

namespace linli::notify::repo {

Result<std::vector<OutboxMessage>> claimDue(storage::Tx& tx,
                                            const std::vector<std::string>& channels, TimeMs now,
                                            TimeMs lease_until, int batch) {
  std::vector<OutboxMessage> out;
  if (channels.empty()) return out;
  std::string in = "?";
  for (size_t i = 1; i < channels.size(); ++i) in += ", ?";
  std::vector<storage::Value> params = {lease_until};
  for (const auto& c : channels) params.emplace_back(c);
  params.emplace_back(now);
  params.emplace_back(now);
  params.emplace_back(int64_t{batch});
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("UPDATE messages SET status = 'sending', lease_until = ?, attempts = attempts + 1 "
               "WHERE id IN (SELECT id FROM messages WHERE channel IN (" +
                   in +
                   ") AND ((status = 'queued' AND next_at <= ?) OR (status = 'sending' AND "
                   "lease_until <= ?)) ORDER BY next_at, id LIMIT ?) "
                   "RETURNING id, channel, COALESCE(address_sealed, ''), subject, body, attempts",
               params));
  for (const auto& r : rows)
    out.push_back({.id = r.i64(0),
                   .channel = r.str(1),
                   .address_sealed = r.str(2),
                   .subject = r.str(3),
                   .body = r.str(4),
                   .attempts = static_cast<int>(r.i64(5))});
  return out;
}

Status markSent(storage::Tx& tx, int64_t id, TimeMs at) {
  return tx
      .exec(
          "UPDATE messages SET status = 'sent', sent_at = ?, lease_until = NULL, "
          "last_error = NULL WHERE id = ?",
          {at, id})
      .status();
}

Status markFailed(storage::Tx& tx, int64_t id, bool last, TimeMs next_at,
                  const std::string& error) {
  return tx
      .exec(
          "UPDATE messages SET status = ?, next_at = ?, lease_until = NULL, "
          "last_error = ? WHERE id = ?",
          {last ? "failed" : "queued", next_at, error, id})
      .status();
}

}  // namespace linli::notify::repo
