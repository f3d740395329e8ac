#include "http/json_body.h"

#include <charconv>

#include "common/json_input.h"

namespace linli::http {

Result<nlohmann::json> jsonObjectBody(const Request& request) {
  std::string_view type = request.header("content-type");
  if (type.substr(0, 16) != "application/json")
    return invalidArgument("body", "Content-Type must be application/json");
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded()) return invalidArgument("body", "body is not valid JSON");
  if (!body.is_object()) return invalidArgument("body", "body must be a JSON object");
  return body;
}

namespace {
Result<int> intParam(const Request& request, const char* name, int def, int lo, int hi) {
  auto text = request.query(name);
  if (!text || text->empty()) return def;
  int v = 0;
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || p != text->data() + text->size() || v < lo || v > hi)
    return invalidArgument(name, std::string(name) + " must be a whole number from " +
                                     std::to_string(lo) + " to " + std::to_string(hi));
  return v;
}
}  // namespace

Result<PageParams> pageParams(const Request& request) {
  PageParams p;
  LINLI_ASSIGN_OR_RETURN(p.page, intParam(request, "page", 1, 1, 1000000));
  LINLI_ASSIGN_OR_RETURN(p.page_size, intParam(request, "page_size", 20, 1, 200));
  return p;
}

Result<int64_t> pathId(const Request& request) {
  return json_input::parseId(request.path_params.at("id"), "id");
}

Result<std::optional<int64_t>> queryId(const Request& request, const char* key) {
  auto v = request.query(key);
  if (!v || v->empty()) return std::optional<int64_t>();
  LINLI_ASSIGN_OR_RETURN(int64_t id, json_input::parseId(*v, key));
  return std::optional<int64_t>(id);
}

std::optional<std::string> queryText(const Request& request, const char* key) {
  auto v = request.query(key);
  if (!v || v->empty()) return std::nullopt;
  return std::string(*v);
}

}  // namespace linli::http
