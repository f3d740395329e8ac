// Builds the OpenAPI 3.0 document (GET /api/openapi.json) from the router's
// route table, so the document cannot drift from the routes that exist.
#pragma once

#include <nlohmann/json.hpp>

#include "http/router.h"

namespace linli::http {

nlohmann::json openApiDocument(const Router& router, const std::string& version);

}  // namespace linli::http
