#include "auth/repo.h"

#include "storage/place_filter.h"

namespace linli::auth::repo {

using storage::Row;
using storage::Value;

namespace {

const char* kUserSelect =
    "SELECT u.id, u.username, u.display_name, u.role, u.scope_kind, u.scope_id, u.street_id, "
    "u.community_id, u.grid_id, u.disabled, u.created_at, u.password_hash, "
    "CASE u.scope_kind WHEN 'grid' THEN g.name WHEN 'community' THEN c.name ELSE s.name END "
    "FROM users u JOIN streets s ON s.id = u.street_id "
    "LEFT JOIN communities c ON c.id = u.community_id LEFT JOIN grids g ON g.id = u.grid_id ";

// Reads the 13 columns of kUserSelect starting at `at`.
UserRecord userFrom(const Row& r, size_t at = 0) {
  UserRecord rec;
  User& u = rec.user;
  u.id = r.i64(at);
  u.username = r.str(at + 1);
  u.display_name = r.str(at + 2);
  u.role = r.str(at + 3);
  u.scope.kind = parseScopeKind(r.str(at + 4)).value_or(ScopeKind::kGrid);
  u.scope.id = r.i64(at + 5);
  u.place = {r.i64(at + 6), r.optI64(at + 7), r.optI64(at + 8)};
  u.disabled = r.i64(at + 9) != 0;
  u.created_at = r.i64(at + 10);
  rec.password_hash = r.str(at + 11);
  u.scope_name = r.str(at + 12);
  return rec;
}

Result<std::optional<UserRecord>> oneUser(Result<std::vector<Row>> rows) {
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<UserRecord>();
  return std::optional<UserRecord>(userFrom(rows->front()));
}

}  // namespace

Result<std::optional<UserRecord>> findUserByUsername(storage::Tx& tx, const std::string& username) {
  return oneUser(tx.query(std::string(kUserSelect) + "WHERE u.username = ?", {username}));
}

Result<std::optional<UserRecord>> findUserById(storage::Tx& tx, int64_t id) {
  return oneUser(tx.query(std::string(kUserSelect) + "WHERE u.id = ?", {id}));
}

Result<int64_t> insertUser(storage::Tx& tx, const NewUser& user, const access::PlacePath& place,
                           const std::string& password_hash, TimeMs now) {
  auto rows = tx.query(
      "INSERT INTO users (username, display_name, password_hash, role, scope_kind, scope_id, "
      "street_id, community_id, grid_id, disabled, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) RETURNING id",
      {user.username, user.display_name, password_hash, user.role,
       std::string(scopeKindName(user.scope.kind)), user.scope.id, place.street_id,
       storage::optionalValue(place.community_id), storage::optionalValue(place.grid_id), now,
       now});
  if (!rows.ok() && rows.status().code() == Code::kConflict)
    return conflict("username " + user.username + " is taken", "username");
  LINLI_ASSIGN_OR_RETURN(auto row, storage::singleRow(std::move(rows), "user"));
  return row.i64(0);
}

Status updateUser(storage::Tx& tx, const User& u, TimeMs now) {
  return tx
      .exec(
          "UPDATE users SET display_name = ?, role = ?, scope_kind = ?, scope_id = ?, "
          "street_id = ?, community_id = ?, grid_id = ?, disabled = ?, updated_at = ? WHERE id = ?",
          {u.display_name, u.role, std::string(scopeKindName(u.scope.kind)), u.scope.id,
           u.place.street_id, storage::optionalValue(u.place.community_id),
           storage::optionalValue(u.place.grid_id), int64_t{u.disabled ? 1 : 0}, now, u.id})
      .status();
}

Status setPassword(storage::Tx& tx, int64_t id, const std::string& password_hash, TimeMs now) {
  return tx
      .exec("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
            {password_hash, now, id})
      .status();
}

Result<UserPage> listUsers(storage::Tx& tx, const Principal& viewer, const UserQuery& q) {
  std::vector<Value> params;
  std::string where =
      storage::placeFilter("u", viewer.street_id, viewer.community_id, viewer.grid_id, params);
  if (q.q) {
    where += " AND (u.username LIKE ? ESCAPE '\\' OR u.display_name LIKE ? ESCAPE '\\')";
    params.emplace_back(storage::likeContains(*q.q));
    params.emplace_back(storage::likeContains(*q.q));
  }
  if (q.role) {
    where += " AND u.role = ?";
    params.emplace_back(*q.role);
  }
  LINLI_ASSIGN_OR_RETURN(auto count,
                         tx.query("SELECT COUNT(*) FROM users u WHERE " + where, params));
  params.emplace_back(int64_t{q.page_size});
  params.emplace_back(int64_t{q.page - 1} * q.page_size);
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(std::string(kUserSelect) + "WHERE " + where +
                                                 " ORDER BY u.id LIMIT ? OFFSET ?",
                                             params));
  UserPage page;
  page.total = count.front().i64(0);
  for (const Row& r : rows) page.items.push_back(userFrom(r).user);
  return page;
}

Result<int64_t> countUsers(storage::Tx& tx) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT COUNT(*) FROM users", {}));
  return rows.front().i64(0);
}

Status insertSession(storage::Tx& tx, const std::string& id_hash, int64_t user_id,
                     const std::string& csrf, TimeMs now, TimeMs expires) {
  return tx
      .exec(
          "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, "
          "expires_at) VALUES (?, ?, ?, ?, ?, ?)",
          {id_hash, user_id, csrf, now, now, expires})
      .status();
}

Result<std::optional<SessionRecord>> findSession(storage::Tx& tx, const std::string& id_hash,
                                                 TimeMs now) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT x.csrf_token, x.last_seen_at, su.* FROM sessions x JOIN (" +
                              std::string(kUserSelect) +
                              ") su ON su.id = x.user_id WHERE x.id_hash = ? AND x.expires_at > ?",
                          {id_hash, now}));
  if (rows.empty()) return std::optional<SessionRecord>();
  const Row& r = rows.front();
  return std::optional<SessionRecord>(SessionRecord{userFrom(r, 2).user, r.str(0), r.i64(1)});
}

Status touchSession(storage::Tx& tx, const std::string& id_hash, TimeMs now, TimeMs expires) {
  return tx
      .exec("UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id_hash = ?",
            {now, expires, id_hash})
      .status();
}

Status deleteSession(storage::Tx& tx, const std::string& id_hash) {
  return tx.exec("DELETE FROM sessions WHERE id_hash = ?", {id_hash}).status();
}

Status deleteSessionsOfUser(storage::Tx& tx, int64_t user_id) {
  return tx.exec("DELETE FROM sessions WHERE user_id = ?", {user_id}).status();
}

Status purgeSessions(storage::Tx& tx, TimeMs now) {
  return tx.exec("DELETE FROM sessions WHERE expires_at <= ?", {now}).status();
}

Status insertToken(storage::Tx& tx, int64_t user_id, const std::string& hash,
                   const std::string& name, TimeMs now) {
  return tx
      .exec("INSERT INTO api_tokens (user_id, token_hash, name, created_at) VALUES (?, ?, ?, ?)",
            {user_id, hash, name, now})
      .status();
}

Result<std::optional<int64_t>> linkedResident(storage::Tx& tx, int64_t user_id) {
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         tx.query("SELECT resident_id FROM users WHERE id = ?", {user_id}));
  if (rows.empty()) return std::optional<int64_t>();
  return rows.front().optI64(0);
}

Status linkResident(storage::Tx& tx, int64_t user_id, int64_t resident_id) {
  return tx
      .exec("UPDATE users SET resident_id = ? WHERE id = ? AND role = 'resident'",
            {resident_id, user_id})
      .status();
}

Result<std::vector<User>> activeUsersWithRole(storage::Tx& tx, const std::string& role) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(std::string(kUserSelect) + "WHERE u.role = ? AND u.disabled = 0 ORDER BY u.id",
               {role}));
  std::vector<User> out;
  for (const Row& r : rows) out.push_back(userFrom(r).user);
  return out;
}

Result<std::vector<User>> activeUsersWithin(storage::Tx& tx, const access::PlacePath& area) {
  std::vector<Value> params;
  const std::string where =
      storage::placeFilter("u", area.street_id, area.community_id, area.grid_id, params);
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(std::string(kUserSelect) + "WHERE u.disabled = 0 AND " + where + " ORDER BY u.id",
               params));
  std::vector<User> out;
  for (const Row& r : rows) out.push_back(userFrom(r).user);
  return out;
}

Result<std::vector<User>> activeUsersAt(storage::Tx& tx, const std::string& role,
                                        const access::PlacePath& place) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query(std::string(kUserSelect) +
                              "WHERE u.role = ? AND u.disabled = 0 AND u.street_id = ? AND "
                              "u.community_id IS ? AND u.grid_id IS ? ORDER BY u.id",
                          {role, place.street_id, storage::optionalValue(place.community_id),
                           storage::optionalValue(place.grid_id)}));
  std::vector<User> out;
  for (const Row& r : rows) out.push_back(userFrom(r).user);
  return out;
}

Result<std::optional<TokenUser>> findTokenUser(storage::Tx& tx, const std::string& hash) {
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         tx.query(std::string("SELECT t.id, t.last_used_at, ") + (kUserSelect + 7) +
                                      "JOIN api_tokens t ON t.user_id = u.id "
                                      "WHERE t.token_hash = ? AND t.revoked = 0",
                                  {hash}));
  if (rows.empty()) return std::optional<TokenUser>();
  const Row& r = rows.front();
  return std::optional<TokenUser>(TokenUser{userFrom(r, 2).user, r.i64(0), r.optI64(1)});
}

Status touchToken(storage::Tx& tx, int64_t token_id, TimeMs now) {
  return tx.exec("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", {now, token_id}).status();
}

namespace {

// kUserSelect's columns after the token's seven.
const std::string& tokenSelect() {
  static const std::string sql =
      std::string(
          "SELECT t.id, t.name, t.created_at, t.last_used_at, t.revoked, t.revoked_at, "
          "t.revoked_reason, ") +
      (kUserSelect + 7) + "JOIN api_tokens t ON t.user_id = u.id ";
  return sql;
}

ApiToken tokenFrom(const Row& r) {
  ApiToken t;
  t.id = r.i64(0);
  t.name = r.str(1);
  t.created_at = r.i64(2);
  t.last_used_at = r.optI64(3);
  t.revoked = r.i64(4) != 0;
  t.revoked_at = r.optI64(5);
  if (t.revoked) t.revoked_reason = r.isNull(6) ? "revoked" : r.str(6);
  t.user = userFrom(r, 7).user;
  return t;
}

}  // namespace

Result<TokenPage> listTokens(storage::Tx& tx, const std::optional<access::PlacePath>& area,
                             const TokenQuery& q) {
  std::vector<Value> params;
  std::string where =
      area ? storage::placeFilter("u", area->street_id, area->community_id, area->grid_id, params)
           : std::string("1 = 1");
  if (q.user_id) {
    where += " AND u.id = ?";
    params.emplace_back(*q.user_id);
  }
  if (q.q) {
    where += " AND (u.username LIKE ? ESCAPE '\\' OR u.display_name LIKE ? ESCAPE '\\')";
    params.emplace_back(storage::likeContains(*q.q));
    params.emplace_back(storage::likeContains(*q.q));
  }
  if (!q.include_revoked) where += " AND t.revoked = 0";
  LINLI_ASSIGN_OR_RETURN(
      auto count,
      tx.query("SELECT COUNT(*) FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE " + where,
               params));
  params.emplace_back(int64_t{q.page_size});
  params.emplace_back(int64_t{q.page - 1} * q.page_size);
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(tokenSelect() + "WHERE " + where + " ORDER BY t.id DESC LIMIT ? OFFSET ?", params));
  TokenPage page;
  page.total = count.front().i64(0);
  for (const Row& r : rows) page.items.push_back(tokenFrom(r));
  return page;
}

Result<std::optional<ApiToken>> findToken(storage::Tx& tx, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(tokenSelect() + "WHERE t.id = ?", {id}));
  if (rows.empty()) return std::optional<ApiToken>();
  return std::optional<ApiToken>(tokenFrom(rows.front()));
}

Result<std::vector<ApiToken>> liveTokensOfUser(storage::Tx& tx, int64_t user_id) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(tokenSelect() + "WHERE t.user_id = ? AND t.revoked = 0 ORDER BY t.id", {user_id}));
  std::vector<ApiToken> out;
  for (const Row& r : rows) out.push_back(tokenFrom(r));
  return out;
}

Status revokeToken(storage::Tx& tx, int64_t id, const std::string& reason, TimeMs now) {
  return tx
      .exec(
          "UPDATE api_tokens SET revoked = 1, revoked_at = ?, revoked_reason = ? "
          "WHERE id = ? AND revoked = 0",
          {now, reason, id})
      .status();
}

Result<std::optional<LoginFailures>> loginFailures(storage::Tx& tx, const std::string& key) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT failures, last_failure_at FROM login_failures WHERE key = ?", {key}));
  if (rows.empty()) return std::optional<LoginFailures>();
  return std::optional<LoginFailures>(
      LoginFailures{static_cast<int>(rows.front().i64(0)), rows.front().i64(1)});
}

Status recordLoginFailure(storage::Tx& tx, const std::string& key, TimeMs now, TimeMs window) {
  return tx
      .exec(
          "INSERT INTO login_failures (key, failures, last_failure_at) VALUES (?, 1, ?) "
          "ON CONFLICT (key) DO UPDATE SET "
          "failures = CASE WHEN login_failures.last_failure_at + ? <= ? THEN 1 "
          "ELSE login_failures.failures + 1 END, last_failure_at = ?",
          {key, now, window, now, now})
      .status();
}

Status clearLoginFailures(storage::Tx& tx, const std::string& key) {
  return tx.exec("DELETE FROM login_failures WHERE key = ?", {key}).status();
}

Status purgeLoginFailures(storage::Tx& tx, TimeMs older_than) {
  return tx.exec("DELETE FROM login_failures WHERE last_failure_at < ?", {older_than}).status();
}

}  // namespace linli::auth::repo
