// The headers every response carries, whoever made it (a handler, the static
// files, an error of the pipeline or a refusal of the server): a
// Content-Security-Policy that allows no inline or foreign script and no
// framing, X-Frame-Options for older browsers, Referrer-Policy same-origin and
// X-Content-Type-Options nosniff. Behind HTTPS (--public-url https://…) they
// add Strict-Transport-Security and every Set-Cookie is marked Secure.
// A header the response already has is left as it is.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace linli::http {

// Styles may be inline: Element Plus and ECharts write style attributes in
// markup they build at run time; scripts may not.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

using HeaderList = std::vector<std::pair<std::string, std::string>>;

void addSecurityHeaders(HeaderList& headers, bool https);

}  // namespace linli::http
