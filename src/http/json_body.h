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

// The `{id}` path parameter; a query parameter that is an id (absent or empty:
// nullopt); a query parameter as text (absent or empty: nullopt).
Result<int64_t> pathId(const Request& request);
Result<std::optional<int64_t>> queryId(const Request& request, const char* key);
std::optional<std::string> queryText(const Request& request, const char* key);

}  // namespace linli::http
