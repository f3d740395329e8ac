// Parses a request body as a JSON object. Malformed JSON, a wrong content
// type or a non-object body is an InvalidArgument naming field "body".
#pragma once

#include <nlohmann/json.hpp>

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

}  // namespace linli::http
