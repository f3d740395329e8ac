// Helpers that keep routes.cc to "parse, one service call, respond".
// LINLI_HTTP_ASSIGN(lhs, expr): lhs = *expr, or return the error response
// (expects a `req` in scope). reply(): the value as JSON, or the error.
#pragma once

#include "http/error_response.h"
#include "http/request.h"

#define LINLI_HTTP_ASSIGN(lhs, expr)                                               \
  auto LINLI_CONCAT(_linli_h, __LINE__) = (expr);                                  \
  if (!LINLI_CONCAT(_linli_h, __LINE__).ok())                                      \
    return ::linli::http::errorResponse(LINLI_CONCAT(_linli_h, __LINE__).status(), \
                                        req.request_id);                           \
  lhs = std::move(LINLI_CONCAT(_linli_h, __LINE__)).value()

namespace linli::http {

template <class T, class F>
Response reply(const Result<T>& result, const Request& req, F&& to_json, int status = 200) {
  if (!result.ok()) return errorResponse(result.status(), req.request_id);
  return Response::json(status, to_json(*result));
}

}  // namespace linli::http
