// API token administration: listing and revoking within the caller's area,
// for operators on the command line, and revoking a user's tokens for good
// when the user is disabled or their password is reset.
#include "access/access.h"
#include "auth/auth.h"
#include "auth/repo.h"

namespace linli::auth {

namespace {

Caller operatorCaller() { return Caller{std::nullopt, "cli", "operator"}; }

nlohmann::json optionalTime(const std::optional<TimeMs>& t) {
  return t ? nlohmann::json(formatIso8601(*t)) : nlohmann::json();
}

}  // namespace

nlohmann::json toJson(const ApiToken& t) {
  return {{"id", std::to_string(t.id)},
          {"name", t.name},
          {"user",
           {{"id", std::to_string(t.user.id)},
            {"username", t.user.username},
            {"display_name", t.user.display_name},
            {"role", t.user.role},
            {"scope_name", t.user.scope_name}}},
          {"created_at", formatIso8601(t.created_at)},
          {"last_used_at", optionalTime(t.last_used_at)},
          {"revoked", t.revoked},
          {"revoked_at", optionalTime(t.revoked_at)},
          {"revoked_reason", t.revoked ? nlohmann::json(t.revoked_reason) : nlohmann::json()}};
}

Status AuthService::revokeOne(storage::Tx& tx, const Caller& caller, const ApiToken& token,
                              const std::string& reason) const {
  LINLI_TRY(repo::revokeToken(tx, token.id, reason, clock_.now()));
  audit::Entry entry{
      .action = "tokens.revoke",
      .target_type = "api_token",
      .target_id = std::to_string(token.id),
      .detail = {
          {"user_id", std::to_string(token.user.id)}, {"name", token.name}, {"reason", reason}}};
  if (!caller.principal) {
    entry.actor_username = "operator";
    entry.actor_place = principalOf(token.user);
  }
  return audit_.record(tx, caller, entry);
}

Status AuthService::revokeTokensOf(storage::Tx& tx, const Caller& caller, const User& user,
                                   const std::string& reason) const {
  LINLI_ASSIGN_OR_RETURN(auto live, repo::liveTokensOfUser(tx, user.id));
  for (const ApiToken& t : live) LINLI_TRY(revokeOne(tx, caller, t, reason));
  return Status::Ok();
}

Result<TokenPage> AuthService::listTokens(const Caller& caller, const TokenQuery& query) {
  Status allowed = access::require(caller, "users.manage");
  if (allowed.code() == Code::kPermissionDenied) return denyNow(caller, "users.manage", "");
  LINLI_TRY(allowed);
  return storage::readResult<TokenPage>(db_, [&](storage::Tx& tx) {
    return repo::listTokens(tx, access::placeOf(*caller.principal), query);
  });
}

Result<ApiToken> AuthService::revokeToken(const Caller& caller, int64_t id) {
  Status allowed = access::require(caller, "users.manage");
  if (allowed.code() == Code::kPermissionDenied) return denyNow(caller, "users.manage", "");
  LINLI_TRY(allowed);
  Denials denials;
  auto revoked = storage::writeResult<ApiToken>(db_, [&](storage::Tx& tx) -> Result<ApiToken> {
    LINLI_ASSIGN_OR_RETURN(auto token, repo::findToken(tx, id));
    if (!token) return notFound("token not found");
    const User& owner = token->user;
    if (!access::covers(access::placeOf(*caller.principal), owner.place)) {
      (void)deny(denials, "users.manage", std::to_string(owner.id));
      return notFound("token not found");
    }
    if (owner.id != caller.principal->user_id &&
        access::roleRank(owner.role) >= access::roleRank(caller.principal->role))
      return deny(denials, "users.manage", std::to_string(owner.id));
    if (!token->revoked) LINLI_TRY(revokeOne(tx, caller, *token, "revoked"));
    LINLI_ASSIGN_OR_RETURN(auto fresh, repo::findToken(tx, id));
    return *fresh;
  });
  tokens_.invalidate();
  flush(caller, denials);
  return revoked;
}

Result<TokenPage> AuthService::listTokensAsOperator(const TokenQuery& query) {
  return storage::readResult<TokenPage>(
      db_, [&](storage::Tx& tx) { return repo::listTokens(tx, std::nullopt, query); });
}

Result<ApiToken> AuthService::revokeTokenAsOperator(int64_t id) {
  auto revoked = storage::writeResult<ApiToken>(db_, [&](storage::Tx& tx) -> Result<ApiToken> {
    LINLI_ASSIGN_OR_RETURN(auto token, repo::findToken(tx, id));
    if (!token) return Status(Code::kNotFound, "no token " + std::to_string(id), "id");
    if (!token->revoked) LINLI_TRY(revokeOne(tx, operatorCaller(), *token, "revoked"));
    LINLI_ASSIGN_OR_RETURN(auto fresh, repo::findToken(tx, id));
    return *fresh;
  });
  tokens_.invalidate();
  return revoked;
}

}  // namespace linli::auth
