// Scope: the part of the place hierarchy (street → community → grid) a user
// acts in, and Caller: who is asking, from where, under which request id.
// Services receive a Caller and decide; deny by default.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace linli {

enum class ScopeKind { kStreet, kCommunity, kGrid };

std::string_view scopeKindName(ScopeKind kind);
std::optional<ScopeKind> parseScopeKind(std::string_view name);

struct Scope {
  ScopeKind kind = ScopeKind::kStreet;
  int64_t id = 0;
  bool operator==(const Scope&) const = default;
};

// An authenticated user as the HTTP layer hands it to services.
struct Principal {
  int64_t user_id = 0;
  std::string username;
  std::string role;
  Scope scope;
  // The place path of `scope`, for scope checks without a query.
  int64_t street_id = 0;
  std::optional<int64_t> community_id;
  std::optional<int64_t> grid_id;
  bool via_session = false;  // cookie session (needs CSRF on writes) vs bearer token
  std::string csrf_token;    // only for sessions
  std::string session_key;   // keyed hash of the session token; for logout
};

struct Caller {
  std::optional<Principal> principal;
  std::string ip;
  std::string request_id;
};

}  // namespace linli
