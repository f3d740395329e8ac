#include <algorithm>
#include <cctype>

#include "access/access.h"
#include "auth/password_policy.h"
#include "auth/repo.h"
#include "common/json_input.h"
#include "crypto/passwords.h"

namespace linli::auth {

namespace {

constexpr TimeMs kTouchEveryMs = 60 * 1000;
constexpr const char* kSessionPurpose = "session";
constexpr const char* kTokenPurpose = "api-token";

Caller operatorCaller() { return Caller{std::nullopt, "cli", "operator"}; }

}  // namespace

nlohmann::json toJson(const User& u) {
  return {{"id", std::to_string(u.id)},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", u.role},
          {"scope",
           {{"kind", scopeKindName(u.scope.kind)},
            {"id", std::to_string(u.scope.id)},
            {"name", u.scope_name}}},
          {"disabled", u.disabled},
          {"created_at", formatIso8601(u.created_at)},
          {"permissions", access::actionsOf(u.role)}};
}

AuthService::AuthService(storage::Db& db, const Clock& clock, const crypto::Keys& keys,
                         const access::Places& places, audit::AuditLog& audit, AuthOptions options)
    : db_(db), clock_(clock), keys_(keys), places_(places), audit_(audit), options_(options) {}

Status AuthService::deny(Denials& denials, std::string_view action,
                         const std::string& target_id) const {
  denials.push_back({.action = "permission.denied",
                     .target_type = "user",
                     .target_id = target_id,
                     .outcome = "denied",
                     .detail = {{"wanted", action}}});
  return permissionDenied("not allowed to " + std::string(action) + " this user");
}

Status AuthService::denyNow(const Caller& caller, std::string_view action,
                            const std::string& target_id) const {
  Denials denials;
  Status st = deny(denials, action, target_id);
  flush(caller, denials);
  return st;
}

void AuthService::flush(const Caller& caller, const Denials& denials) const {
  for (const auto& entry : denials) audit_.recordNow(caller, entry);
}

// ---- login, sessions, tokens ------------------------------------------------

Result<LoginOutcome> AuthService::login(const Caller& caller, const std::string& username_in,
                                        const std::string& password) {
  std::string username = username_in;
  std::transform(username.begin(), username.end(), username.begin(), ::tolower);
  const TimeMs now = clock_.now();
  const TimeMs window = TimeMs{options_.window_s} * 1000;
  const std::string pair_key = "pair:" + username + "|" + caller.ip;
  const std::string account_key = "account:" + username;

  // Throttled? Checked before the password, so guessing stops paying.
  using Counts = std::pair<std::optional<repo::LoginFailures>, std::optional<repo::LoginFailures>>;
  LINLI_ASSIGN_OR_RETURN(
      auto counts, (storage::readResult<Counts>(db_, [&](storage::Tx& tx) -> Result<Counts> {
        LINLI_ASSIGN_OR_RETURN(auto pair, repo::loginFailures(tx, pair_key));
        LINLI_ASSIGN_OR_RETURN(auto account, repo::loginFailures(tx, account_key));
        return std::make_pair(pair, account);
      })));
  auto live = [&](const std::optional<repo::LoginFailures>& f) {
    return f && f->last_failure_at + window > now ? f->failures : 0;
  };
  const int pair_failures = live(counts.first);
  const int account_failures = live(counts.second);
  TimeMs retry_at = 0;
  if (pair_failures >= options_.address_failures) {
    retry_at = counts.first->last_failure_at + window;  // this address, this account: refused
  } else if (pair_failures > 0 && account_failures >= options_.account_failures) {
    // The account is under attack: an address that has failed on it waits, 1 s doubling.
    const int doublings = std::min(account_failures - options_.account_failures, 30);
    const TimeMs delay = std::min<TimeMs>(window, TimeMs{1000} << doublings);
    retry_at = counts.second->last_failure_at + delay;
  }
  if (retry_at > now) {
    int retry = static_cast<int>((retry_at - now + 999) / 1000);
    audit_.recordNow(caller, {.action = "auth.login",
                              .target_type = "user",
                              .outcome = "denied",
                              .detail = {{"reason", "throttled"}},
                              .actor_username = username});
    return Status(Code::kResourceExhausted, "too many failed logins; try again later")
        .withRetryAfter(retry);
  }

  LINLI_ASSIGN_OR_RETURN(
      auto found, (storage::readResult<std::optional<repo::UserRecord>>(db_, [&](storage::Tx& tx) {
        return repo::findUserByUsername(tx, username);
      })));
  bool ok = false;
  if (found)
    ok = crypto::verifyPassword(found->password_hash, password) && !found->user.disabled;
  else
    crypto::verifyDummy(password);

  if (!ok) {
    audit::Entry entry{
        .action = "auth.login",
        .target_type = "user",
        .target_id = found ? std::to_string(found->user.id) : "",
        .outcome = "failed",
        .detail = {{"reason", found && found->user.disabled ? "disabled" : "bad_credentials"}},
        .actor_username = username};
    if (found) entry.actor_place = principalOf(found->user);
    LINLI_TRY(db_.write([&](storage::Tx& tx) -> Status {
      LINLI_TRY(repo::recordLoginFailure(tx, pair_key, now, window));
      LINLI_TRY(repo::recordLoginFailure(tx, account_key, now, window));
      return audit_.record(tx, caller, entry);
    }));
    return Status(Code::kUnauthenticated, "wrong username or password");
  }

  LoginOutcome out{crypto::randomToken(32), crypto::randomToken(32), found->user};
  Caller as_user = caller;
  as_user.principal = principalOf(found->user);
  LINLI_TRY(db_.write([&](storage::Tx& tx) -> Status {
    // This address is the owner's; the account's count stays, so an attacker's wait does too.
    LINLI_TRY(repo::clearLoginFailures(tx, pair_key));
    // A new login replaces the browser's old session (and any fixed-in-advance cookie).
    if (caller.principal && caller.principal->via_session)
      LINLI_TRY(repo::deleteSession(tx, caller.principal->session_key));
    LINLI_TRY(repo::insertSession(tx, keys_.keyedHash(kSessionPurpose, out.session_token),
                                  found->user.id, out.csrf_token, now,
                                  now + options_.session_idle_ms));
    return audit_.record(tx, as_user,
                         {.action = "auth.login",
                          .target_type = "user",
                          .target_id = std::to_string(found->user.id)});
  }));
  return out;
}

Status AuthService::logout(const Caller& caller) {
  if (!caller.principal || !caller.principal->via_session) return Status::Ok();
  return db_.write([&](storage::Tx& tx) -> Status {
    LINLI_TRY(repo::deleteSession(tx, caller.principal->session_key));
    return audit_.record(tx, caller,
                         {.action = "auth.logout",
                          .target_type = "user",
                          .target_id = std::to_string(caller.principal->user_id)});
  });
}

Result<Principal> AuthService::authenticateToken(std::string_view token) {
  const TimeMs now = clock_.now();
  std::string hash = keys_.keyedHash(kTokenPurpose, token);
  if (auto known = tokens_.find(hash, now)) return principalOf(*known);
  const uint64_t generation = tokens_.generation();
  LINLI_ASSIGN_OR_RETURN(auto found,
                         (storage::readResult<std::optional<repo::TokenUser>>(
                             db_, [&](storage::Tx& tx) { return repo::findTokenUser(tx, hash); })));
  if (!found || found->user.disabled) return Status(Code::kUnauthenticated, "invalid API token");
  // Seen by admins as "last used"; written on a cache miss at most once a minute. Only
  // bookkeeping: a full disk or a read-only database must not turn a valid token away.
  if (!found->last_used_at || now - *found->last_used_at >= kTouchEveryMs)
    (void)db_.write([&](storage::Tx& tx) { return repo::touchToken(tx, found->token_id, now); });
  tokens_.put(hash, found->user, generation, now);
  return principalOf(found->user);
}

Result<std::optional<Principal>> AuthService::authenticate(const http::Request& request) {
  const TimeMs now = clock_.now();
  std::string_view authz = request.header("authorization");
  if (!authz.empty()) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authz.substr(0, kBearer.size()) != kBearer)
      return Status(Code::kUnauthenticated, "Authorization must be a Bearer token");
    LINLI_ASSIGN_OR_RETURN(Principal who, authenticateToken(authz.substr(kBearer.size())));
    return std::optional<Principal>(std::move(who));
  }
  auto cookie = request.cookie("linli_session");
  if (!cookie || cookie->empty()) return std::optional<Principal>();
  std::string hash = keys_.keyedHash(kSessionPurpose, *cookie);
  LINLI_ASSIGN_OR_RETURN(
      auto session, (storage::readResult<std::optional<repo::SessionRecord>>(
                        db_, [&](storage::Tx& tx) { return repo::findSession(tx, hash, now); })));
  if (!session || session->user.disabled)
    return Status(Code::kUnauthenticated, "session expired; please log in again");
  if (now - session->last_seen_at >=
      kTouchEveryMs) {  // as for tokens: reads go on when writes cannot
    (void)db_.write([&](storage::Tx& tx) {
      return repo::touchSession(tx, hash, now, now + options_.session_idle_ms);
    });
  }
  Principal p = principalOf(session->user);
  p.via_session = true;
  p.csrf_token = session->csrf_token;
  p.session_key = hash;
  return std::optional<Principal>(std::move(p));
}

Result<std::string> AuthService::addApiToken(const std::string& username, const std::string& name) {
  std::string token = "lnl_" + crypto::randomToken(32);
  LINLI_TRY(db_.write([&](storage::Tx& tx) -> Status {
    LINLI_ASSIGN_OR_RETURN(auto found, repo::findUserByUsername(tx, username));
    if (!found) return Status(Code::kNotFound, "no user " + username, "username");
    LINLI_TRY(repo::insertToken(tx, found->user.id, keys_.keyedHash(kTokenPurpose, token), name,
                                clock_.now()));
    return audit_.record(tx, operatorCaller(),
                         {.action = "tokens.create",
                          .target_type = "user",
                          .target_id = std::to_string(found->user.id),
                          .detail = {{"name", name}},
                          .actor_username = "operator",
                          .actor_place = principalOf(found->user)});
  }));
  tokens_.invalidate();
  return token;
}

Status AuthService::purgeExpired() {
  const TimeMs now = clock_.now();
  return db_.write([&](storage::Tx& tx) -> Status {
    LINLI_TRY(repo::purgeSessions(tx, now));
    return repo::purgeLoginFailures(tx, now - TimeMs{options_.window_s} * 1000);
  });
}

Result<bool> AuthService::hasUsers() {
  LINLI_ASSIGN_OR_RETURN(
      int64_t n,
      (storage::readResult<int64_t>(db_, [](storage::Tx& tx) { return repo::countUsers(tx); })));
  return n > 0;
}

// ---- user administration ------------------------------------------------------

Result<User> AuthService::me(const Caller& caller) {
  LINLI_TRY(access::require(caller, "self.read"));
  return storage::readResult<User>(db_, [&](storage::Tx& tx) -> Result<User> {
    LINLI_ASSIGN_OR_RETURN(auto found, repo::findUserById(tx, caller.principal->user_id));
    if (!found) return Status(Code::kUnauthenticated, "account no longer exists");
    return found->user;
  });
}

Status AuthService::validateNewUser(const NewUser& u) const {
  if (u.username.size() < 2 || u.username.size() > 32)
    return invalidArgument("username", "username must have 2 to 32 characters");
  for (char c : u.username)
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-'))
      return invalidArgument("username", "username may contain only a-z, 0-9, '_', '.' and '-'");
  size_t n = json_input::utf8Length(u.display_name);
  if (n < 1 || n > 64)
    return invalidArgument("display_name", "display_name must have 1 to 64 characters");
  if (!access::isRole(u.role)) return invalidArgument("role", "unknown role " + u.role);
  return checkPassword(u.password, u.username);
}

Status AuthService::checkAssignable(storage::Tx& tx, const Caller& caller, const std::string& role,
                                    const Scope& scope, access::PlacePath& out_place,
                                    Denials& denials) const {
  if (!access::isRole(role)) return invalidArgument("role", "unknown role " + role);
  if (!access::roleTakesScope(role, scope.kind))
    return invalidArgument("scope.kind", "a " + role + " cannot have a " +
                                             std::string(scopeKindName(scope.kind)) + " scope");
  auto resolved = places_.resolve(tx, scope, "scope.id");
  if (!resolved.ok()) return invalidArgument("scope.id", resolved.status().message());
  out_place = resolved->path;
  if (!caller.principal) return Status::Ok();  // operator
  if (access::roleRank(role) >= access::roleRank(caller.principal->role)) {
    denials.push_back({.action = "permission.denied",
                       .target_type = "user",
                       .outcome = "denied",
                       .detail = {{"wanted", "grant role"}, {"role", role}}});
    return Status(Code::kPermissionDenied, "you may not give the role " + role, "role");
  }
  if (!access::covers(access::placeOf(*caller.principal), out_place)) {
    denials.push_back({.action = "permission.denied",
                       .target_type = "user",
                       .outcome = "denied",
                       .detail = {{"wanted", "grant scope"}}});
    return Status(Code::kPermissionDenied, "that scope lies outside yours", "scope");
  }
  return Status::Ok();
}

Result<User> AuthService::insertUser(storage::Tx& tx, const Caller& caller, const NewUser& nu,
                                     const access::PlacePath& place, const std::string& hash) {
  LINLI_ASSIGN_OR_RETURN(int64_t id, repo::insertUser(tx, nu, place, hash, clock_.now()));
  LINLI_ASSIGN_OR_RETURN(auto rec, repo::findUserById(tx, id));
  audit::Entry entry{.action = "users.create",
                     .target_type = "user",
                     .target_id = std::to_string(id),
                     .detail = {{"username", nu.username},
                                {"role", nu.role},
                                {"scope", std::string(scopeKindName(nu.scope.kind)) + ":" +
                                              std::to_string(nu.scope.id)}}};
  if (!caller.principal) {
    entry.actor_username = "operator";
    entry.actor_place = principalOf(rec->user);
  }
  LINLI_TRY(audit_.record(tx, caller, entry));
  return rec->user;
}

Result<User> AuthService::createUser(const Caller& caller, const NewUser& nu) {
  Status allowed = access::require(caller, "users.manage");
  if (allowed.code() == Code::kPermissionDenied) return denyNow(caller, "users.manage", "");
  LINLI_TRY(allowed);
  LINLI_TRY(validateNewUser(nu));
  LINLI_ASSIGN_OR_RETURN(std::string hash, crypto::hashPassword(nu.password));
  Denials denials;
  auto user = storage::writeResult<User>(db_, [&](storage::Tx& tx) -> Result<User> {
    access::PlacePath place;
    LINLI_TRY(checkAssignable(tx, caller, nu.role, nu.scope, place, denials));
    return insertUser(tx, caller, nu, place, hash);
  });
  tokens_.invalidate();
  flush(caller, denials);
  return user;
}

Result<User> AuthService::addUserAsOperator(const NewUser& nu) {
  LINLI_TRY(validateNewUser(nu));
  LINLI_ASSIGN_OR_RETURN(std::string hash, crypto::hashPassword(nu.password));
  Caller op = operatorCaller();
  Denials denials;
  auto user = storage::writeResult<User>(db_, [&](storage::Tx& tx) -> Result<User> {
    access::PlacePath place;
    LINLI_TRY(checkAssignable(tx, op, nu.role, nu.scope, place, denials));
    return insertUser(tx, op, nu, place, hash);
  });
  tokens_.invalidate();
  return user;
}

Result<User> AuthService::addUserWithPlace(
    const NewUser& nu, const std::function<Result<Scope>(storage::Tx&)>& place) {
  LINLI_TRY(validateNewUser(nu));
  LINLI_ASSIGN_OR_RETURN(std::string hash, crypto::hashPassword(nu.password));
  Caller op = operatorCaller();
  Denials denials;
  auto user = storage::writeResult<User>(db_, [&](storage::Tx& tx) -> Result<User> {
    NewUser placed = nu;
    LINLI_ASSIGN_OR_RETURN(placed.scope, place(tx));
    access::PlacePath path;
    LINLI_TRY(checkAssignable(tx, op, placed.role, placed.scope, path, denials));
    return insertUser(tx, op, placed, path, hash);
  });
  tokens_.invalidate();
  return user;
}

// A user outside the caller's scope is reported as not found (and the attempt audited).
Result<User> AuthService::visibleUser(storage::Tx& tx, const Caller& caller, int64_t id,
                                      Denials& denials) const {
  LINLI_ASSIGN_OR_RETURN(auto found, repo::findUserById(tx, id));
  if (!found || !access::covers(access::placeOf(*caller.principal), found->user.place)) {
    if (found) (void)deny(denials, "users.read", std::to_string(id));
    return notFound("user not found");
  }
  return found->user;
}

Result<UserPage> AuthService::listUsers(const Caller& caller, const UserQuery& query) {
  Status allowed = access::require(caller, "users.read");
  if (allowed.code() == Code::kPermissionDenied) return denyNow(caller, "users.read", "");
  LINLI_TRY(allowed);
  return storage::readResult<UserPage>(
      db_, [&](storage::Tx& tx) { return repo::listUsers(tx, *caller.principal, query); });
}

Result<User> AuthService::getUser(const Caller& caller, int64_t id) {
  Status allowed = access::require(caller, "users.read");
  if (allowed.code() == Code::kPermissionDenied)
    return denyNow(caller, "users.read", std::to_string(id));
  LINLI_TRY(allowed);
  Denials denials;
  auto user = storage::readResult<User>(
      db_, [&](storage::Tx& tx) { return visibleUser(tx, caller, id, denials); });
  flush(caller, denials);
  return user;
}

Result<User> AuthService::updateUser(const Caller& caller, int64_t id, const UserPatch& patch) {
  Status allowed = access::require(caller, "users.manage");
  if (allowed.code() == Code::kPermissionDenied)
    return denyNow(caller, "users.manage", std::to_string(id));
  LINLI_TRY(allowed);
  if (patch.display_name) {
    size_t n = json_input::utf8Length(*patch.display_name);
    if (n < 1 || n > 64)
      return invalidArgument("display_name", "display_name must have 1 to 64 characters");
  }
  Denials denials;
  auto updated = storage::writeResult<User>(db_, [&](storage::Tx& tx) -> Result<User> {
    LINLI_ASSIGN_OR_RETURN(User user, visibleUser(tx, caller, id, denials));
    if (access::roleRank(user.role) >= access::roleRank(caller.principal->role))
      return deny(denials, "users.manage", std::to_string(id));
    nlohmann::json changed = nlohmann::json::object();
    if (patch.display_name && *patch.display_name != user.display_name) {
      user.display_name = *patch.display_name;
      changed["display_name"] = true;  // the value itself may be a name: not logged
    }
    if (patch.role || patch.scope) {
      std::string role = patch.role.value_or(user.role);
      Scope scope = patch.scope.value_or(user.scope);
      LINLI_TRY(checkAssignable(tx, caller, role, scope, user.place, denials));
      if (role != user.role) changed["role"] = role;
      if (scope != user.scope)
        changed["scope"] = std::string(scopeKindName(scope.kind)) + ":" + std::to_string(scope.id);
      user.role = role;
      user.scope = scope;
    }
    if (patch.disabled && *patch.disabled != user.disabled) {
      user.disabled = *patch.disabled;
      changed["disabled"] = user.disabled;
      if (user.disabled) {
        LINLI_TRY(repo::deleteSessionsOfUser(tx, id));
        // Revoked for good: enabling the user again does not bring them back.
        LINLI_TRY(revokeTokensOf(tx, caller, user, "user_disabled"));
      }
    }
    LINLI_TRY(repo::updateUser(tx, user, clock_.now()));
    LINLI_TRY(audit_.record(tx, caller,
                            {.action = "users.update",
                             .target_type = "user",
                             .target_id = std::to_string(id),
                             .detail = changed}));
    LINLI_ASSIGN_OR_RETURN(auto fresh, repo::findUserById(tx, id));
    return fresh->user;
  });
  tokens_.invalidate();  // a disabled user's tokens stop working at once
  flush(caller, denials);
  return updated;
}

Status AuthService::resetPassword(const Caller& caller, int64_t id, const std::string& password) {
  Status allowed = access::require(caller, "users.manage");
  if (allowed.code() == Code::kPermissionDenied)
    return denyNow(caller, "users.manage", std::to_string(id));
  LINLI_TRY(allowed);
  // Short, simple or common passwords are refused before the hash is paid for; the username
  // is checked once the user is read.
  LINLI_TRY(checkPassword(password, ""));
  LINLI_ASSIGN_OR_RETURN(std::string hash, crypto::hashPassword(password));
  Denials denials;
  Status st = db_.write([&](storage::Tx& tx) -> Status {
    LINLI_ASSIGN_OR_RETURN(User user, visibleUser(tx, caller, id, denials));
    if (access::roleRank(user.role) >= access::roleRank(caller.principal->role))
      return deny(denials, "users.manage", std::to_string(id));
    LINLI_TRY(checkPassword(password, user.username));
    LINLI_TRY(repo::setPassword(tx, id, hash, clock_.now()));
    LINLI_TRY(repo::deleteSessionsOfUser(tx, id));
    // A reset means the account may be in someone else's hands: its tokens go too.
    LINLI_TRY(revokeTokensOf(tx, caller, user, "password_reset"));
    return audit_.record(
        tx, caller,
        {.action = "users.reset_password", .target_type = "user", .target_id = std::to_string(id)});
  });
  tokens_.invalidate();
  flush(caller, denials);
  return st;
}

Result<std::vector<User>> AuthService::staffAt(storage::Tx& tx, const std::string& role,
                                               const access::PlacePath& place) const {
  return repo::activeUsersAt(tx, role, place);
}

Principal principalOf(const User& u) {
  Principal p;
  p.user_id = u.id;
  p.username = u.username;
  p.role = u.role;
  p.scope = u.scope;
  p.street_id = u.place.street_id;
  p.community_id = u.place.community_id;
  p.grid_id = u.place.grid_id;
  return p;
}

Result<std::vector<User>> AuthService::usersWithRole(storage::Tx& tx,
                                                     const std::string& role) const {
  return repo::activeUsersWithRole(tx, role);
}

Status AuthService::linkResident(int64_t user_id, int64_t resident_id) {
  Status st =
      db_.write([&](storage::Tx& tx) { return repo::linkResident(tx, user_id, resident_id); });
  tokens_.invalidate();
  return st;
}

Result<std::vector<User>> AuthService::usersWithin(storage::Tx& tx,
                                                   const access::PlacePath& area) const {
  return repo::activeUsersWithin(tx, area);
}

Result<std::optional<int64_t>> AuthService::linkedResident(storage::Tx& tx, int64_t user_id) const {
  return repo::linkedResident(tx, user_id);
}

Result<std::optional<User>> AuthService::userById(storage::Tx& tx, int64_t id) const {
  LINLI_ASSIGN_OR_RETURN(auto rec, repo::findUserById(tx, id));
  if (!rec) return std::optional<User>();
  return std::optional<User>(rec->user);
}

}  // namespace linli::auth
