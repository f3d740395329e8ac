// HTTP for filing: the taxonomy, the classifier's suggestion and filing a
// request (answered once its commit is durable). The route parses types only;
// the service checks the input, for every door alike.
#include <limits>

#include "common/json_input.h"
#include "http/error_response.h"
#include "http/json_body.h"
#include "http/later.h"
#include "http/reply.h"
#include "http/router.h"
#include "requests/routes.h"

namespace linli::requests {

using http::Response;
using nlohmann::json;
namespace ji = json_input;

namespace {

json categoryJson(const Category& c) {
  return {{"code", c.code},
          {"parent", c.parent ? json(*c.parent) : json()},
          {"name", c.name},
          {"name_en", c.name_en},
          {"unit", c.unit},
          {"response_hours", c.response_hours},
          {"resolve_hours", c.resolve_hours}};
}

// Types only: lengths, words and text are the requests service's one check (request_input.h).
constexpr size_t kAnyLength = std::numeric_limits<size_t>::max();

Result<NewRequest> newRequestFrom(const http::Request& req) {
  LINLI_ASSIGN_OR_RETURN(auto body, http::jsonObjectBody(req));
  NewRequest in;
  LINLI_ASSIGN_OR_RETURN(in.category, ji::optionalString(body, "category", 0, kAnyLength));
  LINLI_ASSIGN_OR_RETURN(in.description, ji::requiredString(body, "description", 0, kAnyLength));
  LINLI_ASSIGN_OR_RETURN(in.building_id, ji::optionalId(body, "building_id"));
  LINLI_ASSIGN_OR_RETURN(in.household_id, ji::optionalId(body, "household_id"));
  LINLI_ASSIGN_OR_RETURN(auto address, ji::optionalString(body, "address", 0, kAnyLength));
  in.address = address.value_or("");
  LINLI_ASSIGN_OR_RETURN(in.lat, ji::optionalNumber(body, "lat"));
  LINLI_ASSIGN_OR_RETURN(in.lng, ji::optionalNumber(body, "lng"));
  LINLI_ASSIGN_OR_RETURN(auto priority, ji::optionalString(body, "priority", 0, kAnyLength));
  in.priority = priority.value_or("normal");
  LINLI_ASSIGN_OR_RETURN(auto name, ji::optionalString(body, "contact_name", 0, kAnyLength));
  in.contact_name = name.value_or("");
  LINLI_ASSIGN_OR_RETURN(in.contact_phone,
                         ji::optionalString(body, "contact_phone", 0, kAnyLength));
  LINLI_ASSIGN_OR_RETURN(auto method, ji::optionalString(body, "contact_method", 0, kAnyLength));
  in.contact_method = method.value_or("phone");
  // Ranges, words and text are checked by the service, for every door alike.
  auto key = req.header("idempotency-key");
  if (!key.empty()) in.idempotency_key = std::string(key);
  return in;
}

}  // namespace

void registerFilingRoutes(http::Router& router, RequestService& s) {
  router.add({.method = "GET",
              .pattern = "/api/v1/requests/categories",
              .summary = "The request categories (two levels)",
              .tag = "requests"},
             [&s](http::Request& req) {
               return http::reply(s.categories(req.caller()), req, [](const auto& list) {
                 json items = json::array();
                 for (const auto& c : list) items.push_back(categoryJson(c));
                 return json{{"items", items}};
               });
             });
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/requests/classify",
       .summary = "Suggest the top 3 categories and a priority for a description",
       .tag = "requests",
       .request_body = {{"type", "object"}, {"required", {"description"}}}},
      [&s](http::Request& req) {
        LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
        LINLI_HTTP_ASSIGN(auto text, ji::requiredString(body, "description", 1, 4000));
        return http::reply(s.classify(req.caller(), text), req, [](const Suggestion& g) {
          json cats = json::array();
          for (const auto& c : g.categories)
            cats.push_back({{"code", c.code}, {"name", c.name}, {"confidence", c.confidence}});
          return json{{"categories", cats},
                      {"priority", g.priority ? json{{"value", g.priority->code},
                                                     {"confidence", g.priority->confidence}}
                                              : json()}};
        });
      });
  router.add({.method = "POST",
              .pattern = "/api/v1/requests",
              .summary = "File a request (Idempotency-Key accepted)",
              .tag = "requests",
              .request_body = {{"type", "object"}, {"required", {"description"}}},
              .success_status = 201,
              .answers_later = true},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(auto in, newRequestFrom(req));
               // The worker who just typed the caller's number sees it in full on the confirmation.
               std::optional<std::string> typed = in.contact_phone;
               // Answered once the commit is on disk, without holding a thread meanwhile.
               auto later = std::make_shared<http::Later>();
               s.fileAsync(req.caller(), std::move(in),
                           [&s, later, caller = req.caller(), typed](Result<Request> filed) {
                             later->fulfil([&s, caller, typed, filed = std::move(filed)] {
                               if (!filed.ok())
                                 return http::errorResponse(filed.status(), caller.request_id);
                               json out = requestJson(s, caller, *filed);
                               if (typed) out["contact"]["phone"] = *typed;
                               return http::Response::json(201, out);
                             });
                           });
               return http::Response::later(later);
             });
}

}  // namespace linli::requests
