// Private to the requests HTTP side: each routes_*.cc registers the routes of
// one concern (parse → one service call → JSON); they share how a request, an
// event and a photo are written as JSON (routes_json.cc). Contract:
// docs/http-api.md "Requests".
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "requests/requests.h"

namespace linli::requests {

nlohmann::json optionalJson(const std::optional<int64_t>& v);
nlohmann::json timeJson(const std::optional<TimeMs>& t);
// A request as lists and pages show it, with what the caller may do next.
nlohmann::json requestJson(const RequestService& s, const Caller& caller, const Request& r);
nlohmann::json eventJson(const Event& e);
nlohmann::json photoJson(int64_t request_id, const PhotoInfo& p);

void registerFilingRoutes(http::Router& router, RequestService& s);    // routes_filing.cc
void registerReadingRoutes(http::Router& router, RequestService& s);   // routes_reading.cc
void registerActionRoutes(http::Router& router, RequestService& s);    // routes_actions.cc
void registerPhotoRoutes(http::Router& router, RequestService& s);     // routes_photos.cc
void registerCalendarRoutes(http::Router& router, RequestService& s);  // routes_calendar.cc
void registerFollowupRoutes(http::Router& router, RequestService& s);  // routes_followups.cc
void registerWorkloadRoutes(http::Router& router, RequestService& s);  // routes_workload.cc
void registerKeywordRoutes(http::Router& router, RequestService& s);   // routes_keywords.cc

}  // namespace linli::requests
