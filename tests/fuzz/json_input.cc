// JSON input layer: a request body through jsonObjectBody, then every
// json_input reader on the fields a handler would ask for.
#include "common/json_input.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include "http/json_body.h"

namespace ji = linli::json_input;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  linli::http::Request req;
  req.headers.emplace_back("content-type", "application/json");
  req.body.assign(reinterpret_cast<const char*>(data), size);
  (void)ji::parseId(req.body, "id");
  (void)ji::utf8Length(req.body);
  auto body = linli::http::jsonObjectBody(req);
  if (!body.ok()) return 0;
  const auto& j = *body;
  for (const char* f : {"a", "b", "name", "scope", "ids", "n"}) {
    (void)ji::requiredString(j, f, 1, 20);
    (void)ji::optionalString(j, f, 0, 200);
    (void)ji::requiredSecret(j, f, 64);
    (void)ji::optionalBool(j, f);
    (void)ji::requiredId(j, f);
    (void)ji::optionalId(j, f);
    (void)ji::optionalInt(j, f, -5, 1000);
    (void)ji::optionalNumber(j, f);
    (void)ji::optionalStringList(j, f);
    if (auto o = ji::optionalObject(j, f); o.ok() && *o)
      (void)ji::requiredString(**o, "kind", 1, 20);
    (void)ji::requiredObject(j, f);
  }
  return 0;
}
