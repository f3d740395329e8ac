// HTTP for requests: every route of the module, one concern a file (routes.h).
#include "requests/routes.h"

namespace linli::requests {

void registerRoutes(http::Router& router, RequestService& requests) {
  registerFilingRoutes(router, requests);
  registerReadingRoutes(router, requests);
  registerActionRoutes(router, requests);
  registerPhotoRoutes(router, requests);
  registerCalendarRoutes(router, requests);
  registerFollowupRoutes(router, requests);
  registerWorkloadRoutes(router, requests);
  registerKeywordRoutes(router, requests);
}

}  // namespace linli::requests
