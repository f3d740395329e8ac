#include "access/access.h"
#include "auth/auth.h"
#include "common/json_input.h"
#include "http/error_response.h"
#include "http/json_body.h"
#include "http/router.h"

namespace linli::auth {

namespace {
using http::pathId;
using http::queryId;
using http::queryText;

namespace ji = json_input;
using http::Request;
using http::Response;
using nlohmann::json;

Response fail(const Status& st, const Request& req) {
  return http::errorResponse(st, req.request_id);
}

std::string sessionCookie(const std::string& value, int max_age_s) {
  return "linli_session=" + value +
         "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_s);
}

Result<Scope> parseScope(const json& obj) {
  const std::string kind_field = "scope.kind";
  auto kind_it = obj.find("kind");
  if (kind_it == obj.end() || !kind_it->is_string())
    return invalidArgument(kind_field, "scope.kind must be street, community or grid");
  auto kind = parseScopeKind(kind_it->get<std::string>());
  if (!kind) return invalidArgument(kind_field, "scope.kind must be street, community or grid");
  auto id = ji::requiredId(obj, "id");
  if (!id.ok()) return invalidArgument("scope.id", "scope.id must be a positive id");
  return Scope{*kind, *id};
}

json userSchema() {
  return {{"type", "object"},
          {"required", {"username", "display_name", "password", "role", "scope"}},
          {"properties",
           {{"username", {{"type", "string"}}},
            {"display_name", {{"type", "string"}}},
            {"password", {{"type", "string"}, {"minLength", 10}}},
            {"role", {{"type", "string"}}},
            {"scope",
             {{"type", "object"},
              {"properties", {{"kind", {{"type", "string"}}}, {"id", {{"type", "string"}}}}}}}}}};
}

}  // namespace

void registerRoutes(http::Router& router, AuthService& auth) {
  router.add({.method = "POST",
              .pattern = "/api/v1/auth/login",
              .summary = "Log in; sets the session cookie and returns the CSRF token",
              .tag = "auth",
              .requires_auth = false,
              .request_body = {{"type", "object"},
                               {"required", {"username", "password"}},
                               {"properties",
                                {{"username", {{"type", "string"}}},
                                 {"password", {{"type", "string"}}}}}}},
             [&auth](Request& req) {
               auto body = http::jsonObjectBody(req);
               if (!body.ok()) return fail(body.status(), req);
               auto username = ji::requiredString(*body, "username", 1, 64);
               if (!username.ok()) return fail(username.status(), req);
               auto password = ji::requiredSecret(*body, "password", 256);
               if (!password.ok()) return fail(password.status(), req);
               auto out = auth.login(req.caller(), *username, *password);
               if (!out.ok()) return fail(out.status(), req);
               return Response::json(200,
                                     {{"csrf_token", out->csrf_token}, {"user", toJson(out->user)}})
                   .header("Set-Cookie", sessionCookie(out->session_token, 12 * 3600))
                   .header("Cache-Control", "no-store");
             });

  router.add({.method = "POST",
              .pattern = "/api/v1/auth/logout",
              .summary = "End the current session",
              .tag = "auth",
              .requires_auth = false,
              .success_status = 204},
             [&auth](Request& req) {
               Status st = auth.logout(req.caller());
               if (!st.ok()) return fail(st, req);
               return Response::noContent().header("Set-Cookie", sessionCookie("", 0));
             });

  router.add({.method = "GET",
              .pattern = "/api/v1/auth/me",
              .summary = "The logged-in user, and the CSRF token of this session",
              .tag = "auth"},
             [&auth](Request& req) {
               auto user = auth.me(req.caller());
               if (!user.ok()) return fail(user.status(), req);
               json csrf = req.principal->via_session ? json(req.principal->csrf_token) : json();
               return Response::json(200, {{"csrf_token", csrf}, {"user", toJson(*user)}})
                   .header("Cache-Control", "no-store");
             });

  router.add({.method = "GET",
              .pattern = "/api/v1/auth/permissions",
              .summary = "The permission table: (role, action, scope) rules; deny by default",
              .tag = "auth",
              .requires_auth = false},
             [](Request&) {
               json rules = json::array();
               for (const access::Rule& r : access::permissionTable())
                 rules.push_back({{"role", r.role}, {"action", r.action}, {"scope", r.scope}});
               return Response::json(200, {{"roles", access::roles()}, {"rules", rules}});
             });

  router.add({.method = "GET",
              .pattern = "/api/v1/auth/users",
              .summary = "Users within the caller's scope",
              .tag = "auth",
              .query_params = {"page", "page_size", "q", "role"}},
             [&auth](Request& req) {
               auto page = http::pageParams(req);
               if (!page.ok()) return fail(page.status(), req);
               UserQuery q{.page = page->page, .page_size = page->page_size};
               if (auto v = req.query("q"); v && !v->empty()) q.q = *v;
               if (auto v = req.query("role"); v && !v->empty()) {
                 if (!access::isRole(*v))
                   return fail(invalidArgument("role", "unknown role " + *v), req);
                 q.role = *v;
               }
               auto users = auth.listUsers(req.caller(), q);
               if (!users.ok()) return fail(users.status(), req);
               json items = json::array();
               for (const User& u : users->items) items.push_back(toJson(u));
               return Response::json(200, {{"items", items},
                                           {"total", users->total},
                                           {"page", q.page},
                                           {"page_size", q.page_size}});
             });

  router.add({.method = "POST",
              .pattern = "/api/v1/auth/users",
              .summary = "Create a user (role below the caller's, scope inside it)",
              .tag = "auth",
              .request_body = userSchema(),
              .success_status = 201},
             [&auth](Request& req) {
               auto body = http::jsonObjectBody(req);
               if (!body.ok()) return fail(body.status(), req);
               NewUser nu;
               auto username = ji::requiredString(*body, "username", 2, 32);
               if (!username.ok()) return fail(username.status(), req);
               nu.username = *username;
               auto name = ji::requiredString(*body, "display_name", 1, 64);
               if (!name.ok()) return fail(name.status(), req);
               nu.display_name = *name;
               auto password = ji::requiredSecret(*body, "password", 128);
               if (!password.ok()) return fail(password.status(), req);
               nu.password = *password;
               auto role = ji::requiredString(*body, "role", 1, 32);
               if (!role.ok()) return fail(role.status(), req);
               nu.role = *role;
               auto scope_obj = ji::requiredObject(*body, "scope");
               if (!scope_obj.ok()) return fail(scope_obj.status(), req);
               auto scope = parseScope(**scope_obj);
               if (!scope.ok()) return fail(scope.status(), req);
               nu.scope = *scope;
               auto user = auth.createUser(req.caller(), nu);
               if (!user.ok()) return fail(user.status(), req);
               return Response::json(201, toJson(*user));
             });

  router.add({.method = "GET",
              .pattern = "/api/v1/auth/users/{id}",
              .summary = "One user within the caller's scope",
              .tag = "auth"},
             [&auth](Request& req) {
               auto id = pathId(req);
               if (!id.ok()) return fail(id.status(), req);
               auto user = auth.getUser(req.caller(), *id);
               if (!user.ok()) return fail(user.status(), req);
               return Response::json(200, toJson(*user));
             });

  router.add({.method = "PATCH",
              .pattern = "/api/v1/auth/users/{id}",
              .summary = "Change a user's name, role, scope or disabled flag",
              .tag = "auth",
              .request_body = {{"type", "object"},
                               {"properties",
                                {{"display_name", {{"type", "string"}}},
                                 {"role", {{"type", "string"}}},
                                 {"scope", {{"type", "object"}}},
                                 {"disabled", {{"type", "boolean"}}}}}}},
             [&auth](Request& req) {
               auto id = pathId(req);
               if (!id.ok()) return fail(id.status(), req);
               auto body = http::jsonObjectBody(req);
               if (!body.ok()) return fail(body.status(), req);
               UserPatch patch;
               auto name = ji::optionalString(*body, "display_name", 1, 64);
               if (!name.ok()) return fail(name.status(), req);
               patch.display_name = *name;
               auto role = ji::optionalString(*body, "role", 1, 32);
               if (!role.ok()) return fail(role.status(), req);
               patch.role = *role;
               auto disabled = ji::optionalBool(*body, "disabled");
               if (!disabled.ok()) return fail(disabled.status(), req);
               patch.disabled = *disabled;
               auto scope_obj = ji::optionalObject(*body, "scope");
               if (!scope_obj.ok()) return fail(scope_obj.status(), req);
               if (*scope_obj) {
                 auto scope = parseScope(**scope_obj);
                 if (!scope.ok()) return fail(scope.status(), req);
                 patch.scope = *scope;
               }
               auto user = auth.updateUser(req.caller(), *id, patch);
               if (!user.ok()) return fail(user.status(), req);
               return Response::json(200, toJson(*user));
             });

  router.add({.method = "POST",
              .pattern = "/api/v1/auth/users/{id}/password",
              .summary = "Set a new password for a user (ends their sessions)",
              .tag = "auth",
              .request_body = {{"type", "object"},
                               {"required", {"password"}},
                               {"properties", {{"password", {{"type", "string"}}}}}},
              .success_status = 204},
             [&auth](Request& req) {
               auto id = pathId(req);
               if (!id.ok()) return fail(id.status(), req);
               auto body = http::jsonObjectBody(req);
               if (!body.ok()) return fail(body.status(), req);
               auto password = ji::requiredSecret(*body, "password", 128);
               if (!password.ok()) return fail(password.status(), req);
               Status st = auth.resetPassword(req.caller(), *id, *password);
               if (!st.ok()) return fail(st, req);
               return Response::noContent();
             });

  router.add(
      {.method = "GET",
       .pattern = "/api/v1/auth/tokens",
       .summary = "API tokens of users within the caller's scope (never the tokens themselves)",
       .tag = "auth",
       .query_params = {"page", "page_size", "q", "user_id", "include_revoked"}},
      [&auth](Request& req) {
        auto page = http::pageParams(req);
        if (!page.ok()) return fail(page.status(), req);
        TokenQuery q{.page = page->page, .page_size = page->page_size};
        q.q = queryText(req, "q");
        auto user_id = queryId(req, "user_id");
        if (!user_id.ok()) return fail(user_id.status(), req);
        q.user_id = *user_id;
        if (auto v = req.query("include_revoked"); v && !v->empty()) {
          if (*v != "true" && *v != "false")
            return fail(invalidArgument("include_revoked", "must be true or false"), req);
          q.include_revoked = *v == "true";
        }
        auto tokens = auth.listTokens(req.caller(), q);
        if (!tokens.ok()) return fail(tokens.status(), req);
        json items = json::array();
        for (const ApiToken& t : tokens->items) items.push_back(toJson(t));
        return Response::json(200, {{"items", items},
                                    {"total", tokens->total},
                                    {"page", q.page},
                                    {"page_size", q.page_size}});
      });

  router.add({.method = "POST",
              .pattern = "/api/v1/auth/tokens/{id}/revoke",
              .summary = "Revoke an API token (for good; audited)",
              .tag = "auth"},
             [&auth](Request& req) {
               auto id = pathId(req);
               if (!id.ok()) return fail(id.status(), req);
               auto token = auth.revokeToken(req.caller(), *id);
               if (!token.ok()) return fail(token.status(), req);
               return Response::json(200, toJson(*token));
             });
}

}  // namespace linli::auth
