#include "http/framing.h"

#include "http/ascii.h"

namespace linli::http {

namespace {

bool isTchar(char c) {
  if (asciiAlnum(c)) return true;
  for (char t : std::string_view("!#$%&'*+-.^_`|~"))
    if (c == t) return true;
  return false;
}

bool isToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!isTchar(c)) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// uri-host [ ":" port ] (RFC 3986): a bracketed IP literal, or reg-name /
// IPv4 characters; the port, if any, digits only.
bool validHost(std::string_view host) {
  std::string_view rest = host;
  if (!rest.empty() && rest.front() == '[') {
    size_t close = rest.find(']');
    if (close == std::string_view::npos || close == 1) return false;
    for (char c : rest.substr(1, close - 1))
      if (!asciiHexDigit(c) && c != ':' && c != '.') return false;
    rest.remove_prefix(close + 1);
    if (rest.empty()) return true;
    if (rest.front() != ':') return false;
  } else {
    size_t colon = rest.find(':');
    for (char c : rest.substr(0, colon)) {
      if (asciiAlnum(c)) continue;
      if (std::string_view("-._~!$&'()*+,;=%").find(c) == std::string_view::npos) return false;
    }
    if (colon == std::string_view::npos) return true;
    rest.remove_prefix(colon);
  }
  rest.remove_prefix(1);  // ':'
  for (char c : rest)
    if (!asciiDigit(c)) return false;
  return rest.size() <= 5;
}

// One element of Transfer-Encoding: a coding name, perhaps with parameters.
// Returns the name, or nullopt when the element is not `token *( ; param )`.
std::optional<std::string_view> codingName(std::string_view element, bool* has_params) {
  size_t semi = element.find(';');
  std::string_view name = trim(element.substr(0, semi));
  if (!isToken(name)) return std::nullopt;
  *has_params = semi != std::string_view::npos;
  while (semi != std::string_view::npos) {
    std::string_view rest = element.substr(semi + 1);
    size_t next = rest.find(';');
    std::string_view param = trim(rest.substr(0, next));
    size_t eq = param.find('=');
    if (eq == std::string_view::npos || !isToken(trim(param.substr(0, eq)))) return std::nullopt;
    std::string_view value = trim(param.substr(eq + 1));
    bool quoted = value.size() >= 2 && value.front() == '"' && value.back() == '"';
    if (!quoted && !isToken(value)) return std::nullopt;
    semi = next == std::string_view::npos ? next : semi + 1 + next;
  }
  return name;
}

}  // namespace

std::optional<FramingError> checkFraming(
    unsigned version, const std::vector<std::pair<std::string_view, std::string_view>>& fields) {
  int hosts = 0;
  bool content_length = false;
  std::vector<std::string_view> codings;
  bool any_te = false;
  for (const auto& [name, value] : fields) {
    if (asciiIEquals(name, "host")) {
      if (++hosts > 1) return FramingError{400, "more than one Host header"};
      if (!validHost(trim(value))) return FramingError{400, "malformed Host header"};
    } else if (asciiIEquals(name, "content-length")) {
      content_length = true;
    } else if (asciiIEquals(name, "transfer-encoding")) {
      any_te = true;
      std::string_view list = value;
      while (true) {
        size_t comma = list.find(',');
        std::string_view element = trim(list.substr(0, comma));
        if (!element.empty()) codings.push_back(element);  // empty elements are ignored
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
      }
    }
  }
  if (hosts == 0 && version >= 11) return FramingError{400, "missing Host header"};
  if (!any_te) return std::nullopt;
  if (content_length)
    return FramingError{400, "Transfer-Encoding and Content-Length in one request"};
  if (version < 11) return FramingError{400, "Transfer-Encoding in an HTTP/1.0 request"};
  if (codings.empty()) return FramingError{400, "empty Transfer-Encoding"};
  bool unknown = false;
  for (size_t i = 0; i < codings.size(); ++i) {
    bool has_params = false;
    auto name = codingName(codings[i], &has_params);
    if (!name) return FramingError{400, "malformed Transfer-Encoding"};
    const bool last = i + 1 == codings.size();
    if (asciiIEquals(*name, "chunked")) {
      if (!last) return FramingError{400, "chunked must be the final transfer coding, once"};
      if (has_params) return FramingError{400, "chunked takes no parameters"};
    } else if (last) {
      return FramingError{400, "the final transfer coding must be chunked"};
    } else {
      unknown = true;
    }
  }
  if (unknown) return FramingError{501, "only the chunked transfer coding is implemented"};
  return std::nullopt;
}

}  // namespace linli::http
