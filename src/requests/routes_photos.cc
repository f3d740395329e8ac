// HTTP for a request's photos: adding one (the raw image bytes) and
// fetching one. The limit on their number is the service's.
#include "common/json_input.h"
#include "http/error_response.h"
#include "http/json_body.h"
#include "http/reply.h"
#include "http/router.h"
#include "requests/routes.h"

namespace linli::requests {

using http::Response;
using nlohmann::json;
namespace ji = json_input;

void registerPhotoRoutes(http::Router& router, RequestService& s) {
  router.add({.method = "POST",
              .pattern = "/api/v1/requests/{id}/photos",
              .summary = "Add a photo: the raw JPEG, PNG or WebP bytes (at most 6, 5 MB each)",
              .tag = "requests",
              .success_status = 201,
              .max_body_bytes = 8 * 1024 * 1024},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               return http::reply(
                   s.addPhoto(req.caller(), id, req.body, req.header("content-type")), req,
                   [&](const PhotoInfo& p) { return photoJson(id, p); }, 201);
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/requests/{id}/photos/{photo_id}",
              .summary = "A photo of a request (the image itself)",
              .tag = "requests"},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               LINLI_HTTP_ASSIGN(int64_t photo_id,
                                 ji::parseId(req.path_params.at("photo_id"), "photo_id"));
               LINLI_HTTP_ASSIGN(auto p, s.photo(req.caller(), id, photo_id));
               Response out;
               out.content_type = p.info.content_type;
               out.body = std::move(p.bytes);
               out.headers.emplace_back("Cache-Control", "no-store");
               return out;
             });
}

}  // namespace linli::requests
