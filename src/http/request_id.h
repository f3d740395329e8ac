// Request ids: 16 hex characters, random; or the client's own X-Request-Id
// when it matches [A-Za-z0-9-]{1,64} (it goes into logs and the audit log, so
// nothing else is kept: no spaces, quotes, newlines or other bytes).
#pragma once

#include <string>
#include <string_view>

namespace linli::http {

std::string newRequestId();
bool acceptableRequestId(std::string_view id);

}  // namespace linli::http
