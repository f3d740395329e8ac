// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at /open311/v2/:
// discovery, services, services/{code}, requests (POST to file, GET with the
// spec's filters), requests/{id} and tokens/{token}, each as .xml and .json,
// errors in the spec's format ([{code, description}] / <errors>). Services are
// the request categories; a request is filed and read through the requests
// door with the API token given as `api_key` (also required for reading, as
// requests carry residents' words). Status is `open` or `closed`.
#pragma once

#include <string>

#include "module/module.h"
#include "requests/requests.h"

namespace linli::http {
class Router;
}

namespace linli::open311 {

struct Options {
  std::string jurisdiction_id = "linli";  // accepted when given; another is a 404
};

// The API token comes as `api_key` and is checked by the HTTP pipeline.
void registerRoutes(http::Router& router, requests::RequestService& requests,
                    const Options& options);

// Other rooms never call Open311: its door is empty.
struct Door {};
module::RoomDef room(const Options& options);

}  // namespace linli::open311
