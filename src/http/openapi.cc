#include "http/openapi.h"

#include <algorithm>
#include <cctype>

namespace linli::http {

nlohmann::json openApiDocument(const Router& router, const std::string& version) {
  using nlohmann::json;
  json paths = json::object();
  for (const Route& route : router.routes()) {
    const RouteInfo& info = route.info;
    json op = {{"summary", info.summary}, {"tags", json::array({info.tag})}};
    json params = json::array();
    for (const std::string& seg : route.segments) {
      if (seg.size() > 2 && seg.front() == '{')
        params.push_back({{"name", seg.substr(1, seg.size() - 2)},
                          {"in", "path"},
                          {"required", true},
                          {"schema", {{"type", "string"}}}});
    }
    for (const std::string& q : info.query_params)
      params.push_back({{"name", q}, {"in", "query"}, {"schema", {{"type", "string"}}}});
    if (!params.empty()) op["parameters"] = params;
    if (!info.request_body.is_null())
      op["requestBody"] = {{"required", true},
                           {"content", {{"application/json", {{"schema", info.request_body}}}}}};
    op["responses"] = {
        {std::to_string(info.success_status), {{"description", "Success"}}},
        {"default",
         {{"description", "Error"},
          {"content",
           {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}};
    if (info.requires_auth)
      op["security"] = json::array({{{"session", json::array()}}, {{"bearer", json::array()}}});
    else
      op["security"] = json::array();
    std::string method = info.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    paths[info.pattern][method] = op;
  }
  json error = {{"type", "object"},
                {"required", {"error"}},
                {"properties",
                 {{"error",
                   {{"type", "object"},
                    {"required", {"code", "message", "request_id"}},
                    {"properties",
                     {{"code", {{"type", "string"}}},
                      {"message", {{"type", "string"}}},
                      {"field", {{"type", "string"}}},
                      {"request_id", {{"type", "string"}}}}}}}}}};
  return {{"openapi", "3.0.3"},
          {"info", {{"title", "linli (邻里) API"}, {"version", version}}},
          {"paths", paths},
          {"components",
           {{"schemas", {{"Error", error}}},
            {"securitySchemes",
             {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "linli_session"}}},
              {"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
}

}  // namespace linli::http
