// The call list export (通讯录): phones in full for phoning residents, with
// its own permission, a street's grant for more roles, a required reason,
// one audit line per file and the exporter named in the file itself.
#include <algorithm>

#include "access/access.h"
#include "common/json_input.h"
#include "common/text_check.h"
#include "registry/vocabulary.h"
#include "reports/repo.h"

namespace linli::reports {

namespace {

// A call list is for a grid or a community's round of calls, not a copy of the registry.
constexpr int64_t kMaxCallListRows = 5000;
constexpr const char* kAction = "reports.export_contacts";

// The filter as audited: a name fragment searched for is not kept.
nlohmann::json auditedFilter(const nlohmann::json& filter) {
  nlohmann::json out = filter;
  if (out.contains("text")) out["text"] = "…";
  return out;
}

}  // namespace

const std::vector<std::string>& callListGrantableRoles() {
  static const std::vector<std::string> roles = {"community_staff", "grid_worker"};
  return roles;
}

Result<CallListAccess> ReportService::callListAccess(const Caller& caller) {
  LINLI_TRY(access::require(caller, "reports.run"));
  CallListAccess out;
  LINLI_ASSIGN_OR_RETURN(out.street_roles,
                         (storage::readResult<std::vector<std::string>>(db_, [&](storage::Tx& tx) {
                           return repo::callListRoles(tx, caller.principal->street_id);
                         })));
  const std::string& role = caller.principal->role;
  if (access::allowed(role, kAction)) {
    out.allowed = true;
    out.via = "role";
  } else if (std::count(out.street_roles.begin(), out.street_roles.end(), role)) {
    out.allowed = true;
    out.via = "street";
  }
  return out;
}

Result<std::vector<std::string>> ReportService::setCallListRoles(
    const Caller& caller, const std::vector<std::string>& roles) {
  LINLI_TRY(access::require(caller, "reports.grant_contacts"));
  std::vector<std::string> given;
  for (const auto& role : roles) {
    const auto& ok = callListGrantableRoles();
    if (std::find(ok.begin(), ok.end(), role) == ok.end())
      return invalidArgument("roles",
                             "the call list can be given to community_staff or "
                             "grid_worker, not " +
                                 role);
    if (std::find(given.begin(), given.end(), role) == given.end()) given.push_back(role);
  }
  std::sort(given.begin(), given.end());
  LINLI_TRY(db_.write([&](storage::Tx& tx) -> Status {
    LINLI_TRY(repo::setCallListRoles(tx, caller.principal->street_id, given,
                                     caller.principal->user_id, clock_.now()));
    if (!audit_) return Status::Ok();
    return audit_->record(tx, caller,
                          {.action = "reports.grant_contacts",
                           .target_type = "street",
                           .target_id = std::to_string(caller.principal->street_id),
                           .detail = {{"roles", given}}});
  }));
  return given;
}

Result<ExportFile> ReportService::exportCallList(const Caller& caller,
                                                 const nlohmann::json& filter_json,
                                                 const std::string& format,
                                                 const std::string& reason_text) {
  if (format != "csv" && format != "xlsx")
    return invalidArgument("format", "format must be csv or xlsx");
  LINLI_ASSIGN_OR_RETURN(CallListAccess may, callListAccess(caller));
  if (!may.allowed) {
    if (audit_)
      audit_->recordNow(caller, {.action = "permission.denied",
                                 .target_type = "residents",
                                 .outcome = "denied",
                                 .detail = {{"wanted", kAction}}});
    return permissionDenied("the call list needs " + std::string(kAction) +
                            " or the street's grant to role " + caller.principal->role);
  }
  LINLI_ASSIGN_OR_RETURN(std::string reason, cleanFreeText(reason_text, "reason"));
  const size_t n = json_input::utf8Length(reason);
  if (n < 2 || n > 200) return invalidArgument("reason", "say why you export the call list");
  LINLI_ASSIGN_OR_RETURN(Filter filter, parseFilter(filter_json));
  const CivilDate today = dateAt(clock_.now());
  Query q{filter, access::placeOf(*caller.principal), {}, 1, 0, true};
  LINLI_ASSIGN_OR_RETURN(Answer answer, index_.run(q, today));
  if (answer.count > kMaxCallListRows)
    return Status(Code::kFailedPrecondition,
                  "more than 5000 residents match; narrow the filter to a grid or a group",
                  "filter");
  LINLI_ASSIGN_OR_RETURN(auto residents, registry_.residentsByIds(caller, answer.page_ids));
  LINLI_ASSIGN_OR_RETURN(auto phones, registry_.phonesForExport(caller, answer.page_ids));

  std::vector<std::vector<std::string>> rows;
  rows.reserve(residents.size() + 6);
  const std::string at = formatIso8601(clock_.now());
  const std::string count = std::to_string(residents.size());
  // The header rows: whoever finds the file knows whose it is and why it exists.
  rows.push_back({"导出人", caller.principal->username});
  rows.push_back({"导出时间", at});
  rows.push_back({"事由", reason});
  rows.push_back({"行数", count});
  rows.push_back({});
  rows.push_back({"姓名", "联系电话", "地址", "网格", "标签"});
  for (const auto& r : residents) {
    std::string tags;
    for (const auto& t : r.tags) tags += (tags.empty() ? "" : "、") + registry::tagLabel(t);
    auto phone = phones.find(r.id);
    rows.push_back(
        {r.name, phone != phones.end() ? phone->second : "", r.address, r.grid_name, tags});
  }
  LINLI_TRY(db_.write([&](storage::Tx& tx) -> Status {
    if (!audit_) return Status::Ok();
    return audit_->record(tx, caller,
                          {.action = kAction,
                           .target_type = "residents",
                           .detail = {{"rows", residents.size()},
                                      {"format", format},
                                      {"reason", reason},
                                      {"via", may.via},
                                      {"filter", auditedFilter(filter_json)}}});
  }));
  const std::vector<std::string> title = {"通讯录（含完整电话，仅供本次联系使用，用后删除）"};
  return exportFile("call-list", formatDate(today), format, title, rows,
                    static_cast<int64_t>(residents.size()));
}

}  // namespace linli::reports
