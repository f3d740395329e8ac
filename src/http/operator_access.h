// Who may read the operators' endpoints (GET /metrics). With a metrics token
// configured (--metrics-token), exactly the requests bearing it
// (`Authorization: Bearer <token>`), from anywhere, loopback included.
// Without one, only loopback clients whose request did not come through a
// proxy: a reverse proxy on the same host connects from loopback too, so a
// request carrying Forwarded, X-Forwarded-For or X-Real-IP is not taken for
// a local one.
#pragma once

#include <string_view>

#include "common/status.h"
#include "http/request.h"

namespace linli::http {

bool loopbackAddress(std::string_view address);
Status operatorAccess(const Request& request, std::string_view metrics_token);

}  // namespace linli::http
