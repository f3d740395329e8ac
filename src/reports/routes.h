// Private to reports: what its two route files share — the call list's
// routes (routes_call_list.cc) and an exported file as the HTTP answer.
#pragma once

#include "http/request.h"
#include "reports/reports.h"

namespace linli::reports {

void registerCallListRoutes(http::Router& router, ReportService& reports);
// The file as a download: its type, name and row count (X-Rows); never cached.
http::Response exportFileResponse(ExportFile file);

}  // namespace linli::reports
