#include "http/pipeline.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "http/ascii.h"
#include "http/error_response.h"
#include "http/later.h"
#include "http/request_id.h"
#include "metrics/metrics.h"

namespace linli::http {

namespace {

bool isWrite(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool hasHeader(const Response& res, std::string_view name) {
  for (const auto& header : res.headers)
    if (asciiIEquals(header.first, name)) return true;
  return false;
}

bool underApi(std::string_view path) { return path.rfind("/api/", 0) == 0 || path == "/api"; }

bool sameToken(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

Pipeline::Pipeline(const Router& router, const StaticFiles& files, Authenticator* auth)
    : router_(router), files_(files), auth_(auth) {
  auto& m = metrics::Registry::global();
  m.setHelp("linli_http_requests_total", "counter", "HTTP requests by route and status.");
  m.setHelp("linli_http_request_duration_seconds", "histogram", "HTTP request latency by route.");
}

Response Pipeline::dispatch(Request& req) const {
  Router::Match match = router_.match(req.method, req.path);
  if (!match.route) {
    if (match.path_known) {
      std::string allow;
      for (const auto& m : match.allowed_methods) allow += (allow.empty() ? "" : ", ") + m;
      req.route = "(method not allowed)";
      return httpError(405, "MethodNotAllowed", "method " + req.method + " is not allowed here",
                       req.request_id)
          .header("Allow", allow);
    }
    if (!underApi(req.path)) {
      if (auto r = files_.serve(req)) {
        req.route = "(static)";
        return std::move(*r);
      }
    }
    req.route = "(not found)";
    return httpError(404, "NotFound", "no such route", req.request_id);
  }
  const Route& route = *match.route;
  req.route = route.info.pattern;
  req.path_params = std::move(match.params);

  bool presented = !req.header("cookie").empty() || !req.header("authorization").empty();
  if (auth_ && !route.info.token_field.empty()) {
    presented = false;
    std::optional<std::string> token;
    if (req.method == "POST") token = formValue(req.body, route.info.token_field);
    if (!token) token = formValue(req.query_string, route.info.token_field);
    if (token && !token->empty())
      if (auto who = auth_->authenticateToken(*token); who.ok()) req.principal = std::move(*who);
  }
  if (auth_ && presented) {
    auto who = auth_->authenticate(req);
    if (!who.ok()) {
      if (route.info.requires_auth) return errorResponse(who.status(), req.request_id);
    } else {
      req.principal = std::move(*who);
    }
  }
  if (route.info.requires_auth && !req.principal)
    return errorResponse(Status(Code::kUnauthenticated, "login required"), req.request_id);
  if (req.principal && req.principal->via_session && isWrite(req.method) &&
      !sameToken(req.header("x-csrf-token"), req.principal->csrf_token)) {
    return errorResponse(
        Status(Code::kPermissionDenied, "missing or wrong CSRF token", "X-CSRF-Token"),
        req.request_id);
  }
  try {
    return route.handler(req);
  } catch (const std::exception& e) {
    spdlog::error("request {} route {} failed: {}", req.request_id, req.route, e.what());
    return errorResponse(internalError("internal error"), req.request_id);
  }
}

namespace {

// Request id, metrics and the access log line, once the response is made.
struct Finish {
  std::chrono::steady_clock::time_point started;
  std::string request_id, method, route;
  int64_t user_id;

  void operator()(Response& res) const {
    res.header("X-Request-Id", request_id);
    // What a handler answers may be personal; only the web build is cacheable,
    // and a handler that knows better says so itself.
    if (route != "(static)" && !hasHeader(res, "cache-control"))
      res.header("Cache-Control", "no-store");
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    auto& m = metrics::Registry::global();
    m.increment("linli_http_requests_total",
                {{"method", method}, {"route", route}, {"status", std::to_string(res.status)}});
    m.observe("linli_http_request_duration_seconds", {{"route", route}}, took.count());
    if (spdlog::should_log(spdlog::level::info)) {
      spdlog::info("{} {} {} {} {:.2f}ms user={}", request_id, method, route, res.status,
                   took.count() * 1000, user_id);
    }
  }
};

}  // namespace

Response Pipeline::handle(Request& req) const {
  auto started = std::chrono::steady_clock::now();
  if (!proxies_.empty()) {
    std::string forwarded;
    for (const auto& [name, value] : req.headers)
      if (name == "x-forwarded-for") forwarded += (forwarded.empty() ? "" : ", ") + value;
    req.remote_address = clientAddress(req.remote_address, forwarded, proxies_);
  }
  std::string_view incoming = req.header("x-request-id");
  req.request_id = acceptableRequestId(incoming) ? std::string(incoming) : newRequestId();
  Response res = dispatch(req);
  Finish finish{started, req.request_id, req.method, req.route,
                req.principal ? req.principal->user_id : 0};
  if (res.pending)
    res.pending->finally(std::move(finish));
  else
    finish(res);
  return res;
}

}  // namespace linli::http
