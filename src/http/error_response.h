// The one table that maps Status codes to HTTP statuses, and the JSON error
// body {"error": {"code", "message", "field"?, "key"?, "params"?, "request_id"}}
// used under /api; `key` and `params` are the catalog message (common/messages.h)
// the web renders in the worker's language.
#pragma once

#include <string>

#include "common/status.h"
#include "http/request.h"

namespace linli::http {

int httpStatusFor(Code code);
// Builds the error response; adds Retry-After for ResourceExhausted.
Response errorResponse(const Status& status, const std::string& request_id);
// Errors the HTTP layer raises itself (no Status code of their own).
Response httpError(int http_status, std::string_view code, std::string_view message,
                   const std::string& request_id);

}  // namespace linli::http
