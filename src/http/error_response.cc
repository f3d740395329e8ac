#include "http/error_response.h"

namespace linli::http {

int httpStatusFor(Code code) {
  switch (code) {
    case Code::kOk:
      return 200;
    case Code::kInvalidArgument:
      return 400;
    case Code::kUnauthenticated:
      return 401;
    case Code::kPermissionDenied:
      return 403;
    case Code::kNotFound:
      return 404;
    case Code::kConflict:
      return 409;
    case Code::kFailedPrecondition:
      return 412;
    case Code::kResourceExhausted:
      return 429;
    case Code::kUnavailable:
      return 503;
    case Code::kInternal:
      return 500;
  }
  return 500;
}

Response errorResponse(const Status& status, const std::string& request_id) {
  nlohmann::json err = {
      {"code", codeName(status.code())}, {"message", status.message()}, {"request_id", request_id}};
  if (!status.field().empty()) err["field"] = status.field();
  if (!status.key().empty()) {
    err["key"] = status.key();
    nlohmann::json params = nlohmann::json::object();
    for (const auto& [name, value] : status.params()) params[name] = value;
    err["params"] = params;
  }
  Response r = Response::json(httpStatusFor(status.code()), {{"error", err}});
  if (status.code() == Code::kResourceExhausted && status.retryAfterSeconds() > 0)
    r.header("Retry-After", std::to_string(status.retryAfterSeconds()));
  return r;
}

Response httpError(int http_status, std::string_view code, std::string_view message,
                   const std::string& request_id) {
  return Response::json(
      http_status, {{"error", {{"code", code}, {"message", message}, {"request_id", request_id}}}});
}

}  // namespace linli::http
