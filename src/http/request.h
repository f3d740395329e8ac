// Request and Response: the small HTTP interface every module sees. Nothing
// here depends on Boost.Beast; the server converts at the edge. Header names
// are stored lower-case.
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/scope.h"
#include "common/status.h"

namespace linli::http {

struct Request {
  std::string method;        // "GET"
  std::string path;          // raw path, without the query string
  std::string query_string;  // without '?'
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;
  std::string request_id;
  std::map<std::string, std::string> path_params;  // filled by the router
  std::string route;                               // matched pattern, e.g. /api/v1/auth/users/{id}
  std::optional<Principal> principal;

  std::string_view header(std::string_view lower_name) const;
  // Percent-decoded query parameter (first occurrence).
  std::optional<std::string> query(std::string_view key) const;
  std::optional<std::string> cookie(std::string_view name) const;
  Caller caller() const { return Caller{principal, remote_address, request_id}; }
};

class Later;

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Set when the answer comes later (http/later.h); the rest is then unused.
  std::shared_ptr<Later> pending;

  static Response json(int status, const nlohmann::json& body);
  static Response noContent();
  static Response later(std::shared_ptr<Later> later);
  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// The first value of `key` in an application/x-www-form-urlencoded text (a
// query string or a form body), percent-decoded.
std::optional<std::string> formValue(std::string_view encoded, std::string_view key);

// "%E4%B8%AD" → bytes; '+' → ' ' when `plus_is_space`. Returns nullopt on bad escapes.
std::optional<std::string> percentDecode(std::string_view in, bool plus_is_space);

}  // namespace linli::http
