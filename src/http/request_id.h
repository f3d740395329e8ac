// Request ids: 16 hex characters, random; or the client's own X-Request-Id
// when it is short and plain (letters, digits, '-', '_').
#pragma once

#include <string>
#include <string_view>

namespace linli::http {

std::string newRequestId();
bool acceptableRequestId(std::string_view id);

}  // namespace linli::http
