// Auth storage port: users, sessions, API tokens, login throttle windows.
// Only auth/ includes this.
#pragma once

#include <optional>
#include <string>

#include "auth/auth.h"

namespace linli::auth::repo {

struct UserRecord {
  User user;
  std::string password_hash;
};

struct SessionRecord {
  User user;
  std::string csrf_token;
  TimeMs last_seen_at;
};

Result<std::optional<UserRecord>> findUserByUsername(storage::Tx& tx, const std::string& username);
Result<std::optional<UserRecord>> findUserById(storage::Tx& tx, int64_t id);
Status linkResident(storage::Tx& tx, int64_t user_id, int64_t resident_id);
Result<std::optional<int64_t>> linkedResident(storage::Tx& tx, int64_t user_id);
Result<std::vector<User>> activeUsersWithRole(storage::Tx& tx, const std::string& role);
Result<std::vector<User>> activeUsersWithin(storage::Tx& tx, const access::PlacePath& area);
Result<std::vector<User>> activeUsersAt(storage::Tx& tx, const std::string& role,
                                        const access::PlacePath& place);
Result<int64_t> insertUser(storage::Tx& tx, const NewUser& user, const access::PlacePath& place,
                           const std::string& password_hash, TimeMs now);
Status updateUser(storage::Tx& tx, const User& user, TimeMs now);
Status setPassword(storage::Tx& tx, int64_t id, const std::string& password_hash, TimeMs now);
// Users inside `viewer`'s place path matching the query, and the total count.
Result<UserPage> listUsers(storage::Tx& tx, const Principal& viewer, const UserQuery& query);
Result<int64_t> countUsers(storage::Tx& tx);

Status insertSession(storage::Tx& tx, const std::string& id_hash, int64_t user_id,
                     const std::string& csrf, TimeMs now, TimeMs expires);
Result<std::optional<SessionRecord>> findSession(storage::Tx& tx, const std::string& id_hash,
                                                 TimeMs now);
Status touchSession(storage::Tx& tx, const std::string& id_hash, TimeMs now, TimeMs expires);
Status deleteSession(storage::Tx& tx, const std::string& id_hash);
Status deleteSessionsOfUser(storage::Tx& tx, int64_t user_id);
Status purgeSessions(storage::Tx& tx, TimeMs now);

Status insertToken(storage::Tx& tx, int64_t user_id, const std::string& hash,
                   const std::string& name, TimeMs now);
struct TokenUser {
  User user;
  int64_t token_id = 0;
  std::optional<TimeMs> last_used_at;
};
// The user of a live (unrevoked) token.
Result<std::optional<TokenUser>> findTokenUser(storage::Tx& tx, const std::string& hash);
Status touchToken(storage::Tx& tx, int64_t token_id, TimeMs now);
// Tokens whose user lies inside `area` (everywhere when nullopt), newest first.
Result<TokenPage> listTokens(storage::Tx& tx, const std::optional<access::PlacePath>& area,
                             const TokenQuery& query);
Result<std::optional<ApiToken>> findToken(storage::Tx& tx, int64_t id);
Result<std::vector<ApiToken>> liveTokensOfUser(storage::Tx& tx, int64_t user_id);
Status revokeToken(storage::Tx& tx, int64_t id, const std::string& reason, TimeMs now);

struct LoginFailures {
  int failures = 0;
  TimeMs last_failure_at = 0;
};
Result<std::optional<LoginFailures>> loginFailures(storage::Tx& tx, const std::string& key);
// Counts one failure; the count starts over when `window` has passed since the last one.
Status recordLoginFailure(storage::Tx& tx, const std::string& key, TimeMs now, TimeMs window);
Status clearLoginFailures(storage::Tx& tx, const std::string& key);
Status purgeLoginFailures(storage::Tx& tx, TimeMs older_than);

}  // namespace linli::auth::repo
