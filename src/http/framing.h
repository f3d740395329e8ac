// Message framing checks of RFC 9112 that the Beast parser leaves to us, made
// once a request's header is in and before its body is read: exactly one
// valid Host (HTTP/1.0 may leave it out), and Transfer-Encoding only as a list
// whose final coding is `chunked`, never beside Content-Length and never in
// HTTP/1.0. A refused request is answered and its connection closed: its body
// cannot be told apart from the next request.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace linli::http {

struct FramingError {
  int status;  // 400, or 501 for a transfer coding this server does not implement
  std::string message;
};

// `fields` are the header's (name, value) pairs in order, names in any case.
// `version` is 10 or 11.
std::optional<FramingError> checkFraming(
    unsigned version, const std::vector<std::pair<std::string_view, std::string_view>>& fields);

}  // namespace linli::http
