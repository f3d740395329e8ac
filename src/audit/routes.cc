#include "audit/audit.h"
#include "http/error_response.h"
#include "http/json_body.h"
#include "http/router.h"

namespace linli::audit {

namespace {

Result<Filter> parseFilter(const http::Request& req) {
  Filter f;
  LINLI_ASSIGN_OR_RETURN(auto page, http::pageParams(req));
  f.page = page.page;
  f.page_size = page.page_size;
  auto text = [&](const char* key) -> std::optional<std::string> {
    auto v = req.query(key);
    if (!v || v->empty()) return std::nullopt;
    return v;
  };
  f.actor = text("actor");
  f.action = text("action");
  f.target_type = text("target_type");
  f.outcome = text("outcome");
  if (f.outcome && *f.outcome != "ok" && *f.outcome != "denied" && *f.outcome != "failed")
    return invalidArgument("outcome", "outcome must be ok, denied or failed");
  for (auto [key, slot] : {std::pair{"from", &f.from}, std::pair{"to", &f.to}}) {
    if (auto v = text(key)) {
      auto t = parseIso8601(*v);
      if (!t) return invalidArgument(key, std::string(key) + " must be an ISO 8601 date or time");
      *slot = *t;
    }
  }
  return f;
}

}  // namespace

void registerRoutes(http::Router& router, AuditLog& log) {
  router.add({.method = "GET",
              .pattern = "/api/v1/audit",
              .summary = "Browse the audit log within the caller's scope, newest first",
              .tag = "audit",
              .query_params = {"page", "page_size", "actor", "action", "target_type", "outcome",
                               "from", "to"}},
             [&log](http::Request& req) {
               auto filter = parseFilter(req);
               if (!filter.ok()) return http::errorResponse(filter.status(), req.request_id);
               auto page = log.list(req.caller(), *filter);
               if (!page.ok()) return http::errorResponse(page.status(), req.request_id);
               return http::Response::json(200, *page);
             });
}

}  // namespace linli::audit
