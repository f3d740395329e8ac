// The Open311 form decoder: the fields of a filing (POST, form-urlencoded
// body, else the query string) and of a request search, decoded into the
// requests door's structs. Pure, so it can be fuzzed. Every failure is an
// InvalidArgument whose message is the spec's error description.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "requests/requests.h"

namespace linli::open311 {

struct Form {
  std::string_view body;   // application/x-www-form-urlencoded, read for POST
  std::string_view query;  // the URL's query string
  bool post = false;
  // A form field of a POST body, else a query parameter.
  std::optional<std::string> param(std::string_view key) const;
};

// POST requests.{fmt}: everything but the api_key (authentication is the caller's).
Result<requests::NewRequest> decodeFiling(const Form& form);
// GET requests.{fmt}: the spec's filters; `now` sets the default 90-day window.
Result<requests::RequestQuery> decodeSearch(const Form& form, TimeMs now);

}  // namespace linli::open311
