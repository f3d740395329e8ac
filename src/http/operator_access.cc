#include "http/operator_access.h"

#include <sodium.h>

namespace linli::http {

bool loopbackAddress(std::string_view address) {
  if (address.rfind("::ffff:", 0) == 0) address.remove_prefix(7);
  return address == "::1" || address.rfind("127.", 0) == 0;
}

Status operatorAccess(const Request& request, std::string_view metrics_token) {
  if (!metrics_token.empty()) {
    std::string_view auth = request.header("authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (auth.size() == kBearer.size() + metrics_token.size() && auth.rfind(kBearer, 0) == 0 &&
        sodium_memcmp(auth.data() + kBearer.size(), metrics_token.data(), metrics_token.size()) ==
            0)
      return Status::Ok();
    return Status(Code::kUnauthenticated, "the metrics token is required");
  }
  const bool proxied = !request.header("forwarded").empty() ||
                       !request.header("x-forwarded-for").empty() ||
                       !request.header("x-real-ip").empty();
  if (loopbackAddress(request.remote_address) && !proxied) return Status::Ok();
  return Status(Code::kPermissionDenied,
                "metrics are served to loopback clients, or to any with --metrics-token");
}

}  // namespace linli::http
