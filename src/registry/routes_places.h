// Private to registry: the HTTP routes of places administration, building
// moves, the places import and the first-run status (routes_places.cc).
#pragma once

#include "registry/registry.h"

namespace linli::registry {

void registerPlaceRoutes(http::Router& router, Registry& registry);

}  // namespace linli::registry
