// HTTP for the category keywords the street admin edits (keywords.cc).
#include "http/error_response.h"
#include "http/json_body.h"
#include "http/reply.h"
#include "http/router.h"
#include "requests/routes.h"

namespace linli::requests {

using nlohmann::json;

namespace {
json keywordsJson(const CategoryKeywords& k) {
  return {{"code", k.code}, {"name", k.name}, {"keywords", k.keywords}};
}
}  // namespace

void registerKeywordRoutes(http::Router& router, RequestService& s) {
  router.add({.method = "GET",
              .pattern = "/api/v1/requests/keywords",
              .summary = "Every leaf category with the keywords that lean the classifier to it",
              .tag = "requests"},
             [&s](http::Request& req) {
               return http::reply(s.keywords(req.caller()), req, [](const auto& list) {
                 json items = json::array();
                 for (const auto& k : list) items.push_back(keywordsJson(k));
                 return json{{"items", items}};
               });
             });
  router.add({.method = "PUT",
              .pattern = "/api/v1/requests/categories/{code}/keywords",
              .summary = "Replace a leaf category's keywords",
              .tag = "requests",
              .request_body = {{"type", "object"}, {"required", {"keywords"}}}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               auto it = body.find("keywords");
               if (it == body.end() || !it->is_array())
                 return http::errorResponse(
                     invalidArgument("keywords", "keywords is a list of words"), req.request_id);
               std::vector<std::string> words;
               for (const auto& w : *it) {
                 if (!w.is_string())
                   return http::errorResponse(
                       invalidArgument("keywords", "each keyword is a string"), req.request_id);
                 words.push_back(w.get<std::string>());
               }
               return http::reply(s.setKeywords(req.caller(), req.path_params.at("code"), words),
                                  req, keywordsJson);
             });
}

}  // namespace linli::requests
