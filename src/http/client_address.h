// The client address of a request. The socket's peer is the client unless
// the peer is a trusted reverse proxy (`--trusted-proxy CIDR`): then
// X-Forwarded-For names it, read from the right (the proxy appends the
// address it saw) and taking the right-most entry that is not itself a
// trusted proxy. Without trusted proxies X-Forwarded-For is ignored, so a
// client cannot choose the address that login throttling and the audit log
// see.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace linli::http {

// An IPv4 or IPv6 network; IPv4 is held as IPv4-mapped IPv6 (::ffff:a.b.c.d).
struct Cidr {
  std::array<uint8_t, 16> bytes{};
  int prefix = 128;  // over the 128 bits
};

class TrustedProxies {
 public:
  // Each entry "10.0.0.0/8", "127.0.0.1", "fd00::/8"; entries may also be
  // comma-separated lists. Errors name the bad entry.
  static Result<TrustedProxies> parse(const std::vector<std::string>& entries);
  bool empty() const { return nets_.empty(); }
  bool trusts(std::string_view address) const;

 private:
  std::vector<Cidr> nets_;
};

// The address the request comes from (see above), in canonical text form.
// `forwarded_for` is every X-Forwarded-For header joined with ", ".
std::string clientAddress(std::string_view peer, std::string_view forwarded_for,
                          const TrustedProxies& proxies);

}  // namespace linli::http
