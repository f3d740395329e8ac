// Reports door: the smart report (智慧报表). A query builder over residents
// (age on a date, sex, tags any/all/none, residence status, place, household
// size, living alone, skills, free text) answered from the in-memory
// ResidentIndex within the caller's scope: a count, a page of residents and
// groupings. Named templates re-run on fresh data; exports (CSV/XLSX, masked
// personal data) are audited.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "access/access.h"
#include "audit/audit.h"
#include "module/module.h"
#include "registry/registry.h"
#include "reports/resident_index.h"

namespace linli::http {
class Router;
}

namespace linli::reports {

struct ExportFile {
  std::string filename, content_type, body;
  int64_t rows = 0;
};

class ReportService {
 public:
  ReportService(storage::Db& db, const Clock& clock, registry::Registry& registry,
                audit::AuditLog* audit);
  // Loads every resident into the index and starts listening for changes.
  Status start();

  Result<nlohmann::json> query(const Caller& caller, const Filter& filter,
                               const std::vector<std::string>& group_by, int page, int page_size);
  // Saved reports: my own and those shared by someone whose area holds mine;
  // each runs on the runner's area. Only the author deletes or (un)shares one.
  Result<nlohmann::json> listTemplates(const Caller& caller);
  Result<nlohmann::json> createTemplate(const Caller& caller, const std::string& name,
                                        const nlohmann::json& filter,
                                        const std::vector<std::string>& group_by,
                                        bool shared = false);
  Status deleteTemplate(const Caller& caller, int64_t id);
  Result<nlohmann::json> shareTemplate(const Caller& caller, int64_t id, bool shared);
  Result<nlohmann::json> runTemplate(const Caller& caller, int64_t id, int page, int page_size);
  // format: csv | xlsx
  Result<ExportFile> exportResidents(const Caller& caller, const Filter& filter,
                                     const std::string& format);
  // For other modules (notices): every resident a filter selects within the
  // caller's scope, ascending; and the filter of a saved report the caller may run.
  Result<std::vector<int64_t>> residentIds(const Caller& caller, const Filter& filter);
  Result<Filter> templateFilter(const Caller& caller, int64_t id);
  const ResidentIndex& index() const { return index_; }

 private:
  storage::Db& db_;
  const Clock& clock_;
  registry::Registry& registry_;
  audit::AuditLog* audit_;
  ResidentIndex index_;
};

// Filter JSON (the API's and the templates') ⇄ Filter; errors name the field.
Result<Filter> parseFilter(const nlohmann::json& j);
Result<std::vector<std::string>> parseGroupBy(const nlohmann::json& j);

void registerRoutes(http::Router& router, ReportService& reports);

// The actions this module checks and which roles hold them (permissions.cc).
std::vector<access::Rule> grants();
// This module as a room of the composition root (module.cc).
module::RoomDef room();

}  // namespace linli::reports
