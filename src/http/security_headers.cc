#include "http/security_headers.h"

#include "http/ascii.h"

namespace linli::http {

namespace {

bool has(const HeaderList& headers, std::string_view name) {
  for (const auto& h : headers)
    if (asciiIEquals(h.first, name)) return true;
  return false;
}

// "; Secure" as a cookie attribute, in any case.
bool markedSecure(std::string_view cookie) {
  size_t at = 0;
  while ((at = cookie.find(';', at)) != std::string_view::npos) {
    std::string_view attr = cookie.substr(at + 1);
    while (!attr.empty() && attr.front() == ' ') attr.remove_prefix(1);
    attr = attr.substr(0, attr.find(';'));
    while (!attr.empty() && attr.back() == ' ') attr.remove_suffix(1);
    if (asciiIEquals(attr, "secure")) return true;
    ++at;
  }
  return false;
}

}  // namespace

void addSecurityHeaders(HeaderList& headers, bool https) {
  auto add = [&headers](std::string_view name, std::string_view value) {
    if (!has(headers, name)) headers.emplace_back(name, value);
  };
  add("Content-Security-Policy", kContentSecurityPolicy);
  add("X-Frame-Options", "DENY");
  add("Referrer-Policy", "same-origin");
  add("X-Content-Type-Options", "nosniff");
  if (!https) return;
  add("Strict-Transport-Security", "max-age=31536000");
  for (auto& [name, value] : headers)
    if (asciiIEquals(name, "set-cookie") && !markedSecure(value)) value += "; Secure";
}

}  // namespace linli::http
