#include "http/error_response.h"
#include "http/router.h"
#include "registry/registry.h"

namespace linli::registry {

void registerRoutes(http::Router& router, Registry& registry) {
  router.add({.method = "GET",
              .pattern = "/api/v1/registry/places",
              .summary = "Streets, communities and grids within the caller's scope",
              .tag = "registry"},
             [&registry](http::Request& req) {
               auto tree = registry.placesTree(req.caller());
               if (!tree.ok()) return http::errorResponse(tree.status(), req.request_id);
               return http::Response::json(200, *tree);
             });
}

}  // namespace linli::registry
