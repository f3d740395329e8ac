// Auth door: accounts, sessions, API tokens, login throttling and user
// administration. Passwords are argon2id hashes; session cookies and API
// tokens are stored only as keyed hashes. Every write is audited in its own
// transaction; denials are audited too. Implements http::Authenticator, so
// the HTTP pipeline turns a cookie or bearer token into a Principal.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "access/access.h"
#include "audit/audit.h"
#include "common/clock.h"
#include "common/generation_cache.h"
#include "common/result.h"
#include "common/scope.h"
#include "crypto/keys.h"
#include "http/pipeline.h"
#include "module/module.h"
#include "storage/db.h"

namespace linli::http {
class Router;
}
namespace linli::scheduler {
class Scheduler;
}

namespace linli::auth {

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string role;
  Scope scope;
  std::string scope_name;
  access::PlacePath place;
  bool disabled = false;
  TimeMs created_at = 0;
};
nlohmann::json toJson(const User& user);

struct NewUser {
  std::string username;
  std::string display_name;
  std::string password;
  std::string role;
  Scope scope;
};

struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<std::string> role;
  std::optional<Scope> scope;
  std::optional<bool> disabled;
};

struct UserQuery {
  std::optional<std::string> q;
  std::optional<std::string> role;
  int page = 1;
  int page_size = 20;
};

struct UserPage {
  std::vector<User> items;
  int64_t total = 0;
};

// An API token as admins see it (never the token itself: only its hash is stored).
struct ApiToken {
  int64_t id = 0;
  std::string name;
  User user;
  TimeMs created_at = 0;
  std::optional<TimeMs> last_used_at;  // updated at most once a minute
  bool revoked = false;
  std::optional<TimeMs> revoked_at;
  std::string revoked_reason;  // "revoked", "user_disabled", "password_reset"
};
nlohmann::json toJson(const ApiToken& token);

struct TokenQuery {
  std::optional<int64_t> user_id;
  std::optional<std::string> q;  // part of the username or display name
  bool include_revoked = false;
  int page = 1;
  int page_size = 20;
};

struct TokenPage {
  std::vector<ApiToken> items;
  int64_t total = 0;
};

struct LoginOutcome {
  std::string session_token;  // goes into the cookie, nowhere else
  std::string csrf_token;
  User user;
};

// Login throttling that cannot lock the owner out. Failures are counted per
// (account, client address) and per account, and forgotten after `window_s`
// without one. An address with `address_failures` failures on an account is
// refused for that account. Once the account has `account_failures`
// failures, an address that has failed on it must wait between attempts
// (1 s, doubling with every further failure, at most the window). An address
// that has not failed on the account is never refused: the right password
// from the owner's own phone always works.
struct AuthOptions {
  int account_failures = 5;
  int address_failures = 5;
  int window_s = 900;
  TimeMs session_idle_ms = 8 * 3600 * 1000;
};

class AuthService final : public http::Authenticator {
 public:
  AuthService(storage::Db& db, const Clock& clock, const crypto::Keys& keys,
              const access::Places& places, audit::AuditLog& audit, AuthOptions options);

  Result<LoginOutcome> login(const Caller& caller, const std::string& username,
                             const std::string& password);
  Status logout(const Caller& caller);
  Result<User> me(const Caller& caller);
  Result<UserPage> listUsers(const Caller& caller, const UserQuery& query);
  Result<User> getUser(const Caller& caller, int64_t id);
  Result<User> createUser(const Caller& caller, const NewUser& user);
  Result<User> updateUser(const Caller& caller, int64_t id, const UserPatch& patch);
  Status resetPassword(const Caller& caller, int64_t id, const std::string& password);

  // Operators on the command line (no principal); audited as "operator".
  Result<User> addUserAsOperator(const NewUser& user);
  // Operators (`linli setup`): a new place and its first account in one
  // transaction: `place` runs first in it, creates the place and gives the
  // user's scope (nu.scope is ignored), so a refused user leaves no place behind.
  Result<User> addUserWithPlace(const NewUser& user,
                                const std::function<Result<Scope>(storage::Tx&)>& place);
  // Returns the token once; only its keyed hash is stored.
  Result<std::string> addApiToken(const std::string& username, const std::string& name);
  // API tokens of users within the caller's area (users.manage); revoking one
  // needs its user to rank below the caller (or be the caller). Audited.
  Result<TokenPage> listTokens(const Caller& caller, const TokenQuery& query);
  Result<ApiToken> revokeToken(const Caller& caller, int64_t id);
  // The same for operators on the command line: every token; audited as "operator".
  Result<TokenPage> listTokensAsOperator(const TokenQuery& query);
  Result<ApiToken> revokeTokenAsOperator(int64_t id);
  // Operator action: a resident's account is the registry's resident `resident_id`
  // (notices to residents then also reach the account's inbox).
  Status linkResident(int64_t user_id, int64_t resident_id);

  Result<std::optional<Principal>> authenticate(const http::Request& request) override;
  Result<Principal> authenticateToken(std::string_view token) override;
  // Changes after every change to users or tokens made through this service:
  // part of the key of what other modules cache about staff.
  uint64_t usersVersion() const { return tokens_.generation(); }
  // Deletes expired sessions and stale throttle windows (a scheduled job).
  Status purgeExpired();
  // Whether the database has any user yet (demo data is loaded only then).
  Result<bool> hasUsers();
  // Active users of a role whose own scope lies at `place` exactly (a grid's
  // workers, a community's staff, a street's departments), inside the
  // caller's transaction; for modules that route work to people.
  Result<std::vector<User>> staffAt(storage::Tx& tx, const std::string& role,
                                    const access::PlacePath& place) const;
  Result<std::optional<User>> userById(storage::Tx& tx, int64_t id) const;
  // The registry resident a resident's account is linked to (linkResident), if any.
  Result<std::optional<int64_t>> linkedResident(storage::Tx& tx, int64_t user_id) const;
  // Active users whose own scope lies inside `area` (a community's grid
  // workers and staff; at street level also its departments), by id.
  Result<std::vector<User>> usersWithin(storage::Tx& tx, const access::PlacePath& area) const;
  // Active users of a role anywhere (scheduled work done on their behalf).
  Result<std::vector<User>> usersWithRole(storage::Tx& tx, const std::string& role) const;

 private:
  // Denials found inside a transaction are audited after it rolls back.
  using Denials = std::vector<audit::Entry>;
  Status validateNewUser(const NewUser& user) const;
  Status checkAssignable(storage::Tx& tx, const Caller& caller, const std::string& role,
                         const Scope& scope, access::PlacePath& out_place, Denials& denials) const;
  Result<User> visibleUser(storage::Tx& tx, const Caller& caller, int64_t id,
                           Denials& denials) const;
  Status deny(Denials& denials, std::string_view action, const std::string& target_id) const;
  Status denyNow(const Caller& caller, std::string_view action, const std::string& target_id) const;
  void flush(const Caller& caller, const Denials& denials) const;
  // Revokes every live token of `user` (disabled, password reset), auditing each.
  Status revokeTokensOf(storage::Tx& tx, const Caller& caller, const User& user,
                        const std::string& reason) const;
  Status revokeOne(storage::Tx& tx, const Caller& caller, const ApiToken& token,
                   const std::string& reason) const;
  Result<User> insertUser(storage::Tx& tx, const Caller& caller, const NewUser& user,
                          const access::PlacePath& place, const std::string& hash);

  storage::Db& db_;
  const Clock& clock_;
  const crypto::Keys& keys_;
  const access::Places& places_;
  audit::AuditLog& audit_;
  AuthOptions options_;
  // Valid API tokens by keyed hash; dropped on every change to users or tokens.
  GenerationCache<std::string, User> tokens_{10000, 10000};
};

void registerRoutes(http::Router& router, AuthService& auth);

// The principal of a user, for work done on their behalf without a request
// (scheduled jobs, demo loading).
Principal principalOf(const User& u);
// Hourly purge of expired sessions and stale throttle windows.
Status registerJobs(scheduler::Scheduler& scheduler, AuthService& auth, TimeMs now);

// The actions this module checks and which roles hold them (permissions.cc).
std::vector<access::Rule> grants();
// This module as a room of the composition root (module.cc).
module::RoomDef room(const AuthOptions& options);

}  // namespace linli::auth
