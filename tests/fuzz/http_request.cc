// HTTP request parser as the server uses it (http::parseRequest): Beast's
// parser with the server's header and body limits and per-route body limits,
// then the RFC 9112 framing checks of http/framing.h. The input is read as a
// connection reads it, request after pipelined request, and each complete one
// is turned into the Request handlers see (query, cookies and path decoded).
// Oracle: whatever the server accepts passes the framing checks again when
// read back from the Request, and its body is within the route's limit.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/framing.h"
#include "http/request_id.h"
#include "http/server.h"

namespace {

linli::http::ServerOptions serverOptions() {
  linli::http::ServerOptions o;
  o.max_body_bytes = 4096;
  o.max_header_bytes = 2048;
  // As serve's route traits: one route takes larger bodies (photos).
  o.route_traits = [](std::string_view method, std::string_view target) {
    linli::http::ServerOptions::RouteTraits t;
    if (method == "POST" && target.find("/photos") != std::string_view::npos)
      t.max_body_bytes = 16384;
    t.answers_later = method == "POST" && target == "/api/v1/requests";
    return t;
  };
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const linli::http::ServerOptions options = serverOptions();
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  for (int i = 0; i < 16 && !rest.empty(); ++i) {
    linli::http::ParsedRequest parsed = linli::http::parseRequest(rest, options);
    if (!parsed.complete) break;
    if (parsed.consumed == 0 || parsed.consumed > rest.size()) __builtin_trap();
    linli::http::Request& req = parsed.request;
    std::vector<std::pair<std::string_view, std::string_view>> fields;
    for (const auto& [name, value] : req.headers) fields.emplace_back(name, value);
    // Only HTTP/1.0 may lack Host (the version is not in Request): judged by
    // the rule of the version it must have been, it passes.
    // (An empty Host is a Host: RFC 9112 3.2.)
    bool has_host = false;
    for (const auto& [name, value] : req.headers) has_host |= name == "host";
    const unsigned version = has_host ? 11 : 10;
    if (linli::http::checkFraming(version, fields)) __builtin_trap();
    const size_t limit = req.path.find("/photos") != std::string::npos && req.method == "POST"
                             ? 16384
                             : options.max_body_bytes;
    if (req.body.size() > limit) __builtin_trap();
    (void)req.query("q");
    (void)req.cookie("linli_session");
    (void)linli::http::percentDecode(req.path, false);
    (void)linli::http::formValue(req.body, "description");
    (void)linli::http::acceptableRequestId(req.header("x-request-id"));
    rest.remove_prefix(parsed.consumed);
  }
  return 0;
}
