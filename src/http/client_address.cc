#include "http/client_address.h"

#include <arpa/inet.h>

#include <cstring>

namespace linli::http {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "1.2.3.4", "1.2.3.4:5678", "::1", "[::1]:5678" → 16 bytes (IPv4 mapped).
std::optional<std::array<uint8_t, 16>> parseAddress(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '[') {
    size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    text = text.substr(1, close - 1);
  } else if (size_t colon = text.find(':'); colon != std::string_view::npos &&
                                            text.find(':', colon + 1) == std::string_view::npos) {
    text = text.substr(0, colon);  // IPv4 with a port
  }
  if (text.empty() || text.size() > 45) return std::nullopt;
  std::string s(text);
  std::array<uint8_t, 16> out{};
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    out[10] = 0xff;
    out[11] = 0xff;
    std::memcpy(out.data() + 12, &v4, 4);
    return out;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(out.data(), &v6, 16);
    return out;
  }
  return std::nullopt;
}

bool isMappedV4(const std::array<uint8_t, 16>& a) {
  static constexpr uint8_t kPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  return std::memcmp(a.data(), kPrefix, 12) == 0;
}

std::string format(const std::array<uint8_t, 16>& a) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (isMappedV4(a)) {
    inet_ntop(AF_INET, a.data() + 12, buf, sizeof buf);
  } else {
    inet_ntop(AF_INET6, a.data(), buf, sizeof buf);
  }
  return buf;
}

bool contains(const Cidr& net, const std::array<uint8_t, 16>& a) {
  int bits = net.prefix;
  for (size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    uint8_t mask = bits >= 8 ? 0xff : static_cast<uint8_t>(0xff << (8 - bits));
    if ((net.bytes[i] & mask) != (a[i] & mask)) return false;
  }
  return true;
}

Result<Cidr> parseCidr(std::string_view text) {
  const std::string shown(text);
  size_t slash = text.find('/');
  auto addr = parseAddress(text.substr(0, slash));
  if (!addr || text.substr(0, slash).find('[') != std::string_view::npos)
    return invalidArgument("--trusted-proxy", "not an address or CIDR: " + shown);
  Cidr net{*addr, 128};
  const bool v4 = isMappedV4(*addr);
  if (slash != std::string_view::npos) {
    std::string_view bits = text.substr(slash + 1);
    int n = 0;
    if (bits.empty() || bits.size() > 3) return invalidArgument("--trusted-proxy", shown);
    for (char c : bits) {
      if (c < '0' || c > '9') return invalidArgument("--trusted-proxy", "bad prefix: " + shown);
      n = n * 10 + (c - '0');
    }
    if (n > (v4 ? 32 : 128)) return invalidArgument("--trusted-proxy", "prefix too long: " + shown);
    net.prefix = v4 ? 96 + n : n;
  }
  return net;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& entries) {
  TrustedProxies out;
  for (const std::string& entry : entries) {
    std::string_view rest = entry;
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string_view one = trim(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      if (one.empty()) continue;
      LINLI_ASSIGN_OR_RETURN(Cidr net, parseCidr(one));
      out.nets_.push_back(net);
    }
  }
  return out;
}

bool TrustedProxies::trusts(std::string_view address) const {
  auto a = parseAddress(address);
  if (!a) return false;
  for (const Cidr& net : nets_)
    if (contains(net, *a)) return true;
  return false;
}

std::string clientAddress(std::string_view peer, std::string_view forwarded_for,
                          const TrustedProxies& proxies) {
  auto peer_bytes = parseAddress(peer);
  std::string client = peer_bytes ? format(*peer_bytes) : std::string(peer);
  if (proxies.empty() || !proxies.trusts(peer)) return client;
  // Right to left: each hop is believed only while it was added by a trusted proxy.
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    size_t comma = rest.rfind(',');
    std::string_view hop = trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (hop.empty()) continue;
    auto bytes = parseAddress(hop);
    if (!bytes) return client;  // garbage: stop at the last hop we could believe
    client = format(*bytes);
    if (!proxies.trusts(client)) return client;
  }
  return client;
}

}  // namespace linli::http
