// Pipeline: what happens to every request between the socket and a handler.
// Assigns the request id, authenticates (session cookie or bearer token),
// enforces CSRF on session writes, routes (404/405 as JSON under /api), falls
// back to the web build for everything else, records metrics per route
// pattern and writes the access log line (method, route pattern, status,
// time, user id: never query strings, bodies or personal data). A response
// that comes later (http/later.h) gets its request id, metrics and log line
// when it is made.
#pragma once

#include <memory>
#include <optional>
#include <utility>

#include "common/result.h"
#include "http/client_address.h"
#include "http/request.h"
#include "http/router.h"
#include "http/static_files.h"

namespace linli::http {

// Implemented by the auth module. nullopt: no credentials presented.
// An error: credentials presented but invalid or expired.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  virtual Result<std::optional<Principal>> authenticate(const Request& request) = 0;
  // An API token given some other way than a header (Open311's api_key).
  virtual Result<Principal> authenticateToken(std::string_view token) = 0;
};

class Pipeline {
 public:
  Pipeline(const Router& router, const StaticFiles& files, Authenticator* auth);
  // Never throws; always returns a complete response with X-Request-Id.
  Response handle(Request& request) const;
  // Reverse proxies whose X-Forwarded-For names the client (http/client_address.h).
  void trustProxies(TrustedProxies proxies) { proxies_ = std::move(proxies); }

 private:
  Response dispatch(Request& request) const;
  const Router& router_;
  const StaticFiles& files_;
  Authenticator* auth_;
  TrustedProxies proxies_;
};

}  // namespace linli::http
