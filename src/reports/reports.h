// Reports door: the smart report (智慧报表). A query builder over residents
// (age on a date, sex, tags any/all/none, residence status, place, household
// size, living alone, skills, free text) answered from the in-memory
// ResidentIndex within the caller's scope: a count, a page of residents and
// groupings. Named templates re-run on fresh data; exports (CSV/XLSX, masked
// personal data) are audited; the call list, with phones in full, needs its
// own permission and a reason.
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
// A table as the download `format` asks for (csv, else xlsx), named
// "<name>-<date>.<ext>"; `rows` counts the residents in it.
ExportFile exportFile(const std::string& name, const std::string& date, const std::string& format,
                      const std::vector<std::string>& headers,
                      const std::vector<std::vector<std::string>>& table, int64_t rows);

// Who may export the call list, as the caller sees it.
struct CallListAccess {
  bool allowed = false;
  std::string via;                        // role (the permission table) | street (its grant) | ""
  std::vector<std::string> street_roles;  // the roles the caller's street gave it to
};
// The roles a street may give the call list to (their own area each).
const std::vector<std::string>& callListGrantableRoles();

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
  // The call list (通讯录, call_list.cc): name, phone in full, address, grid
  // and tags of the residents a filter selects in the caller's area, to phone
  // them. Held by reports.export_contacts (community admins) or by a role the
  // caller's street gave it to (reports.grant_contacts). A reason is
  // required; each export is audited in one line (who, when, reason, filter,
  // rows), and the file's first rows name the exporter, the time, the reason
  // and the row count. Everyone else keeps the masked exportResidents.
  Result<CallListAccess> callListAccess(const Caller& caller);
  Result<std::vector<std::string>> setCallListRoles(const Caller& caller,
                                                    const std::vector<std::string>& roles);
  Result<ExportFile> exportCallList(const Caller& caller, const nlohmann::json& filter,
                                    const std::string& format, const std::string& reason);
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
