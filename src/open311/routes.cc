// Open311 GeoReport v2 over the requests door. See open311.h.
#include <algorithm>

#include "common/civil_date.h"
#include "common/clock.h"
#include "http/error_response.h"
#include "http/later.h"
#include "http/router.h"
#include "open311/form.h"
#include "open311/open311.h"
#include "open311/xml.h"
#include "requests/lifecycle.h"

namespace linli::open311 {

namespace {
using http::Response;
using json = nlohmann::ordered_json;

struct File {
  std::string name, format;  // "requests", "json" | "xml"
};

std::optional<File> splitFile(const std::string& segment) {
  auto dot = segment.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  File f{segment.substr(0, dot), segment.substr(dot + 1)};
  if (f.name.empty() || (f.format != "json" && f.format != "xml")) return std::nullopt;
  return f;
}

Response answer(const std::string& format, int status, const json& value, const std::string& root,
                const std::string& item, const std::map<std::string, std::string>& names = {}) {
  Response r;
  r.status = status;
  if (format == "xml") {
    r.content_type = "text/xml; charset=utf-8";
    r.body = toXml(root, item, value, names);
  } else {
    r.body = value.dump();
  }
  return r;
}

Response error(const std::string& format, int status, const std::string& description) {
  return answer(format, status, json::array({{{"code", status}, {"description", description}}}),
                "errors", "error");
}
// A Status in Open311's error format, with the HTTP status of the one error table.
Response error(const std::string& format, const Status& st) {
  return error(format, http::httpStatusFor(st.code()), st.message());
}

// A form field of a POST body, else a query parameter.
Form formOf(const http::Request& req) {
  return Form{.body = req.body, .query = req.query_string, .post = req.method == "POST"};
}
std::optional<std::string> param(const http::Request& req, std::string_view key) {
  return formOf(req).param(key);
}

std::string open311Status(const std::string& status) {
  return requests::isOpen(status) ? "open" : "closed";
}

json requestJson(const requests::Request& r, const std::string& status_notes) {
  const TimeMs updated = r.closed_at.value_or(r.resolved_at.value_or(r.created_at));
  return {{"service_request_id", std::to_string(r.id)},
          {"status", open311Status(r.status)},
          {"status_notes", status_notes},
          {"service_name", r.category_name},
          {"service_code", r.category.value_or("")},
          {"description", r.description},
          {"agency_responsible", r.assignee_name.empty() ? r.unit : r.assignee_name},
          {"service_notice", r.number},
          {"requested_datetime", formatIso8601(r.created_at)},
          {"updated_datetime", formatIso8601(updated)},
          {"expected_datetime", formatIso8601(r.resolve_due)},
          {"address", r.address},
          {"address_id", r.building_id ? json(std::to_string(*r.building_id)) : json("")},
          {"zipcode", ""},
          {"lat", r.lat ? json(*r.lat) : json()},
          {"long", r.lng ? json(*r.lng) : json()},
          {"media_url", ""}};
}

class Handlers {
 public:
  Handlers(requests::RequestService& requests, Options options)
      : requests_(requests), options_(std::move(options)) {}

  Response top(http::Request& req) {
    auto f = splitFile(req.path_params.at("file"));
    if (!f) return error("json", 404, "use .json or .xml");
    if (auto bad = checkJurisdiction(req, f->format)) return *bad;
    if (req.method == "GET" && f->name == "discovery") return discovery(f->format);
    if (req.method == "GET" && f->name == "services") return services(req, f->format);
    if (f->name == "requests")
      return req.method == "POST" ? file(req, f->format) : list(req, f->format);
    return error(f->format, 404, "no such resource: " + f->name);
  }

  Response service(http::Request& req) {
    auto f = splitFile(req.path_params.at("file"));
    if (!f) return error("json", 404, "use .json or .xml");
    if (auto bad = checkJurisdiction(req, f->format)) return *bad;
    auto cats = requests_.publicCategories();
    if (!cats.ok()) return error(f->format, cats.status());
    for (const auto& c : *cats)
      if (c.code == f->name)
        return answer(f->format, 200, {{"service_code", c.code}, {"attributes", json::array()}},
                      "service_definition", "attribute", {{"attributes", "attribute"}});
    return error(f->format, 404, "no such service_code: " + f->name);
  }

  Response request(http::Request& req) {
    auto f = splitFile(req.path_params.at("file"));
    if (!f) return error("json", 404, "use .json or .xml");
    if (auto bad = checkJurisdiction(req, f->format)) return *bad;
    auto caller = authenticate(req);
    if (!caller) return error(f->format, 403, "a valid api_key is required");
    int64_t id = 0;
    try {
      id = std::stoll(f->name);
    } catch (...) {
      return error(f->format, 404, "no such service_request_id");
    }
    auto r = requests_.get(*caller, id);
    if (!r.ok()) return error(f->format, 404, "no such service_request_id");
    std::string notes;
    if (auto events = requests_.timeline(*caller, id); events.ok())
      for (const auto& e : *events)
        if (!e.internal && !e.note.empty()) notes = e.note;
    return answer(f->format, 200, json::array({requestJson(*r, notes)}), "service_requests",
                  "request");
  }

  Response token(http::Request& req) {
    auto f = splitFile(req.path_params.at("file"));
    if (!f) return error("json", 404, "use .json or .xml");
    if (auto bad = checkJurisdiction(req, f->format)) return *bad;
    auto caller = authenticate(req);
    if (!caller) return error(f->format, 403, "a valid api_key is required");
    // Requests get their id at once; the token handed out is the id itself.
    int64_t id = 0;
    try {
      id = std::stoll(f->name);
    } catch (...) {
      return error(f->format, 404, "no such token");
    }
    if (!requests_.get(*caller, id).ok()) return error(f->format, 404, "no such token");
    return answer(f->format, 200,
                  json::array({{{"service_request_id", std::to_string(id)}, {"token", f->name}}}),
                  "service_requests", "request");
  }

 private:
  std::optional<Response> checkJurisdiction(const http::Request& req, const std::string& format) {
    auto j = param(req, "jurisdiction_id");
    if (j && !j->empty() && *j != options_.jurisdiction_id)
      return error(format, 404, "unknown jurisdiction_id " + *j);
    return std::nullopt;
  }

  // The pipeline authenticated the api_key (RouteInfo::token_field).
  static std::optional<Caller> authenticate(const http::Request& req) {
    if (!req.principal) return std::nullopt;
    return req.caller();
  }

  Response discovery(const std::string& format) {
    json d = {
        {"changeset", "2026-11-22 00:00"},
        {"contact", "社区工作站 / the community office"},
        {"key_service", "An API token from the street administrator (linli token add)"},
        {"endpoints", json::array({{{"specification", "http://wiki.open311.org/GeoReport_v2"},
                                    {"url", "/open311/v2"},
                                    {"changeset", "2026-11-22 00:00"},
                                    {"type", "production"},
                                    {"formats", json::array({"text/xml", "application/json"})}}})}};
    return answer(format, 200, d, "discovery", "endpoint",
                  {{"endpoints", "endpoint"}, {"formats", "format"}});
  }

  Response services(const http::Request&, const std::string& format) {
    auto cats = requests_.publicCategories();
    if (!cats.ok()) return error(format, cats.status());
    std::map<std::string, std::string> names;
    for (const auto& c : *cats) names[c.code] = c.name;
    json items = json::array();
    for (const auto& c : *cats)
      items.push_back({{"service_code", c.code},
                       {"service_name", c.name},
                       {"description", c.name_en},
                       {"metadata", false},
                       {"type", "realtime"},
                       {"keywords", ""},
                       {"group", c.parent ? names[*c.parent] : c.name}});
    return answer(format, 200, items, "services", "service");
  }

  Response file(http::Request& req, const std::string& format) {
    auto caller = authenticate(req);
    if (!caller) return error(format, 403, "a valid api_key is required");
    auto decoded = decodeFiling(formOf(req));
    if (!decoded.ok()) return error(format, 400, decoded.status().message());
    requests::NewRequest in = std::move(*decoded);
    // Answered once the commit is on disk, without holding a thread meanwhile.
    auto later = std::make_shared<http::Later>();
    requests_.fileAsync(*caller, std::move(in), [later, format](Result<requests::Request> filed) {
      later->fulfil([format, filed = std::move(filed)] { return filedAnswer(format, filed); });
    });
    return Response::later(later);
  }

  static Response filedAnswer(const std::string& format, const Result<requests::Request>& filed) {
    if (!filed.ok()) {
      const Status& st = filed.status();
      return error(format, http::httpStatusFor(st.code()),
                   (st.field().empty() ? "" : st.field() + ": ") + st.message());
    }
    return answer(format, 200,
                  json::array({{{"service_request_id", std::to_string(filed->id)},
                                {"service_notice", filed->number},
                                {"account_id", nullptr}}}),
                  "service_requests", "request");
  }

  Response list(const http::Request& req, const std::string& format) {
    auto caller = authenticate(req);
    if (!caller) return error(format, 403, "a valid api_key is required");
    auto q = decodeSearch(formOf(req), requests_.now());
    if (!q.ok()) return error(format, 400, q.status().message());
    auto page = requests_.list(*caller, *q);
    if (!page.ok()) return error(format, page.status());
    json items = json::array();
    for (const auto& r : page->items) items.push_back(requestJson(r, ""));
    return answer(format, 200, items, "service_requests", "request");
  }

  requests::RequestService& requests_;
  Options options_;
};

}  // namespace

void registerRoutes(http::Router& router, requests::RequestService& requests,
                    const Options& options) {
  auto h = std::make_shared<Handlers>(requests, options);
  using Method = Response (Handlers::*)(http::Request&);
  struct Entry {
    const char* method;
    const char* pattern;
    const char* summary;
    Method handle;
    bool answers_later = false;  // filing: see http/later.h
  };
  const Entry entries[] = {
      {"GET", "/open311/v2/{file}",
       "Open311 GeoReport v2: discovery, services and requests (.json / .xml)", &Handlers::top},
      {"POST", "/open311/v2/{file}", "Open311 GeoReport v2: file a request (.json / .xml)",
       &Handlers::top, true},
      {"GET", "/open311/v2/services/{file}", "Open311 service definition", &Handlers::service},
      {"GET", "/open311/v2/requests/{file}", "Open311 one service request", &Handlers::request},
      {"GET", "/open311/v2/tokens/{file}", "Open311 service request id for a token",
       &Handlers::token},
  };
  for (const Entry& e : entries)
    router.add({.method = e.method,
                .pattern = e.pattern,
                .summary = e.summary,
                .tag = "open311",
                .requires_auth = false,
                .answers_later = e.answers_later,
                .token_field = "api_key"},
               [h, handle = e.handle](http::Request& req) { return ((*h).*handle)(req); });
}

}  // namespace linli::open311
