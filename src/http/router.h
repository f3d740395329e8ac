// Router: (method, path pattern) → handler. Patterns are literal segments and
// `{name}` parameters ("/api/v1/auth/users/{id}"). Each route carries the
// metadata the OpenAPI document and the auth check need. Routes are added at
// start-up, before serving; matching is then read-only and thread-safe.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/request.h"

namespace linli::http {

using Handler = std::function<Response(Request&)>;

struct RouteInfo {
  std::string method;
  std::string pattern;
  std::string summary;
  std::string tag;
  bool requires_auth = true;
  std::vector<std::string> query_params;  // documented query parameters
  nlohmann::json request_body;            // JSON schema of the body, or null
  int success_status = 200;
  size_t max_body_bytes = 0;  // 0: the server's default
  // The handler never blocks: it returns Response::later (http/later.h).
  bool answers_later = false;
  // Set for routes whose API token comes as this form field (a POST body's,
  // else the query's) instead of a header; the header and cookie are then
  // not read, and a missing or bad token leaves the request unauthenticated.
  std::string token_field;
};

struct Route {
  RouteInfo info;
  Handler handler;
  std::vector<std::string> segments;
};

class Router {
 public:
  void add(RouteInfo info, Handler handler);

  struct Match {
    const Route* route = nullptr;              // set when method and path match
    bool path_known = false;                   // some route has this path
    std::vector<std::string> allowed_methods;  // for 405's Allow header
    std::map<std::string, std::string> params;
  };
  Match match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace linli::http
