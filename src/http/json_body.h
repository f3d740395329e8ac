// Parses a request body as a JSON object. Malformed JSON, a wrong content
// type or a non-object body is an InvalidArgument naming field "body".
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/result.h"
#include "http/request.h"

namespace linli::http {

Result<nlohmann::json> jsonObjectBody(const Request& request);

// page / page_size query parameters (page ≥ 1, 1 ≤ page_size ≤ 200, default 20).
struct PageParams {
  int page = 1;
  int page_size = 20;
};
Result<PageParams> pageParams(const Request& request);
// A page of a list as answered everywhere: {items, total, page, page_size},
// each item turned into JSON by `item`.
template <class Items, class F>
nlohmann::json pageJson(const Items& items, int64_t total, const PageParams& p, F&& item) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& i : items) out.push_back(item(i));
  return {{"items", out}, {"total", total}, {"page", p.page}, {"page_size", p.page_size}};
}

// The `{id}` path parameter; a query parameter that is an id (absent or empty:
// nullopt); a query parameter as text (absent or empty: nullopt).
Result<int64_t> pathId(const Request& request);
Result<std::optional<int64_t>> queryId(const Request& request, const char* key);
std::optional<std::string> queryText(const Request& request, const char* key);

}  // namespace linli::http
