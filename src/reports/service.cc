#include <chrono>
#include <map>

#include "access/access.h"
#include "common/json_input.h"
#include "registry/json.h"
#include "registry/vocabulary.h"
#include "reports/repo.h"
#include "spreadsheet/spreadsheet.h"

namespace linli::reports {

namespace {

constexpr int64_t kMaxExportRows = 100000;

// Place names for group labels, from the caller's places tree.
std::map<std::string, std::string> placeNames(registry::Registry& registry, const Caller& caller) {
  std::map<std::string, std::string> names;
  auto tree = registry.placesTree(caller);
  if (!tree.ok()) return names;
  for (const auto& s : (*tree)["streets"])
    for (const auto& c : s["communities"]) {
      names["community:" + c["id"].get<std::string>()] = c["name"];
      for (const auto& g : c["grids"]) names["grid:" + g["id"].get<std::string>()] = g["name"];
    }
  return names;
}

}  // namespace

ReportService::ReportService(storage::Db& db, const Clock& clock, registry::Registry& registry,
                             audit::AuditLog* audit)
    : db_(db), clock_(clock), registry_(registry), audit_(audit) {}

Status ReportService::start() {
  registry_.addResidentListener([this](const registry::Resident& r) { index_.upsert(r); });
  return registry_.forEachResident([this](const registry::Resident& r) { index_.upsert(r); });
}

Result<nlohmann::json> ReportService::query(const Caller& caller, const Filter& filter,
                                            const std::vector<std::string>& group_by, int page,
                                            int page_size) {
  LINLI_TRY(access::require(caller, "reports.run"));
  auto started = std::chrono::steady_clock::now();
  const CivilDate today = dateAt(clock_.now());
  Query q{filter, access::placeOf(*caller.principal), group_by, page, page_size, false};
  LINLI_ASSIGN_OR_RETURN(Answer answer, index_.run(q, today));
  std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - started;
  LINLI_ASSIGN_OR_RETURN(auto residents, registry_.residentsByIds(caller, answer.page_ids));
  nlohmann::json items = nlohmann::json::array();
  const bool birth_date = access::allowed(caller.principal->role, "registry.reveal");
  for (const auto& r : residents)
    items.push_back(registry::toJson(r, filter.on.value_or(today), birth_date));
  nlohmann::json groups = nlohmann::json::object();
  std::map<std::string, std::string> names;
  if (answer.groups.count("grid") || answer.groups.count("community"))
    names = placeNames(registry_, caller);
  for (const auto& [by, list] : answer.groups) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& g : list) {
      auto it = names.find(by + ":" + g.key);
      arr.push_back(
          {{"key", g.key}, {"label", it != names.end() ? it->second : g.key}, {"count", g.count}});
    }
    groups[by] = arr;
  }
  return nlohmann::json{{"count", answer.count},  {"items", items},
                        {"groups", groups},       {"page", page},
                        {"page_size", page_size}, {"took_ms", took.count()}};
}

namespace {
nlohmann::json templateJson(const repo::TemplateRow& t, const Caller& caller) {
  return {{"id", std::to_string(t.id)},
          {"name", t.name},
          {"filter", nlohmann::json::parse(t.filter, nullptr, false)},
          {"group_by", nlohmann::json::parse(t.group_by, nullptr, false)},
          {"created_at", formatIso8601(t.created_at)},
          {"owner", t.owner},
          {"mine", t.owner_id == caller.principal->user_id},
          {"shared", t.shared}};
}

Result<std::optional<repo::TemplateRow>> visibleTemplate(storage::Db& db, const Caller& caller,
                                                         int64_t id) {
  return storage::readResult<std::optional<repo::TemplateRow>>(db, [&](storage::Tx& tx) {
    return repo::findVisibleTemplate(tx, caller.principal->user_id,
                                     access::placeOf(*caller.principal), id);
  });
}
}  // namespace

Result<nlohmann::json> ReportService::listTemplates(const Caller& caller) {
  LINLI_TRY(access::require(caller, "reports.run"));
  LINLI_ASSIGN_OR_RETURN(
      auto rows, (storage::readResult<std::vector<repo::TemplateRow>>(db_, [&](storage::Tx& tx) {
        return repo::visibleTemplates(tx, caller.principal->user_id,
                                      access::placeOf(*caller.principal));
      })));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& t : rows) items.push_back(templateJson(t, caller));
  return nlohmann::json{{"items", items}};
}

Result<nlohmann::json> ReportService::createTemplate(const Caller& caller, const std::string& name,
                                                     const nlohmann::json& filter,
                                                     const std::vector<std::string>& group_by,
                                                     bool shared) {
  LINLI_TRY(access::require(caller, "reports.run"));
  LINLI_TRY(parseFilter(filter).status());
  size_t n = json_input::utf8Length(name);
  if (n < 1 || n > 64) return invalidArgument("name", "name must have 1 to 64 characters");
  const TimeMs now = clock_.now();
  LINLI_ASSIGN_OR_RETURN(
      int64_t id, (storage::writeResult<int64_t>(db_, [&](storage::Tx& tx) -> Result<int64_t> {
        LINLI_ASSIGN_OR_RETURN(
            int64_t id, repo::insertTemplate(tx, caller.principal->user_id, name, filter.dump(),
                                             nlohmann::json(group_by).dump(), shared, now));
        if (audit_)
          LINLI_TRY(audit_->record(tx, caller,
                                   {.action = "reports.template.create",
                                    .target_type = "report_template",
                                    .target_id = std::to_string(id)}));
        return id;
      })));
  return nlohmann::json{{"id", std::to_string(id)},
                        {"name", name},
                        {"filter", filter},
                        {"group_by", group_by},
                        {"created_at", formatIso8601(now)},
                        {"owner", caller.principal->username},
                        {"mine", true},
                        {"shared", shared}};
}

Result<nlohmann::json> ReportService::shareTemplate(const Caller& caller, int64_t id, bool shared) {
  LINLI_TRY(access::require(caller, "reports.run"));
  LINLI_TRY(db_.write([&](storage::Tx& tx) -> Status {
    LINLI_ASSIGN_OR_RETURN(bool found, repo::setShared(tx, caller.principal->user_id, id, shared));
    if (!found) return notFound("template not found");
    if (!audit_) return Status::Ok();
    return audit_->record(tx, caller,
                          {.action = shared ? "reports.template.share" : "reports.template.unshare",
                           .target_type = "report_template",
                           .target_id = std::to_string(id)});
  }));
  LINLI_ASSIGN_OR_RETURN(auto t, visibleTemplate(db_, caller, id));
  if (!t) return notFound("template not found");
  return templateJson(*t, caller);
}

Status ReportService::deleteTemplate(const Caller& caller, int64_t id) {
  LINLI_TRY(access::require(caller, "reports.run"));
  return db_.write([&](storage::Tx& tx) -> Status {
    LINLI_ASSIGN_OR_RETURN(bool gone, repo::deleteTemplate(tx, caller.principal->user_id, id));
    if (!gone) return notFound("template not found");
    if (!audit_) return Status::Ok();
    return audit_->record(tx, caller,
                          {.action = "reports.template.delete",
                           .target_type = "report_template",
                           .target_id = std::to_string(id)});
  });
}

Result<nlohmann::json> ReportService::runTemplate(const Caller& caller, int64_t id, int page,
                                                  int page_size) {
  LINLI_TRY(access::require(caller, "reports.run"));
  LINLI_ASSIGN_OR_RETURN(auto t, visibleTemplate(db_, caller, id));
  if (!t) return notFound("template not found");
  LINLI_ASSIGN_OR_RETURN(Filter filter, parseFilter(nlohmann::json::parse(t->filter)));
  LINLI_ASSIGN_OR_RETURN(auto group_by, parseGroupBy(nlohmann::json::parse(t->group_by)));
  LINLI_ASSIGN_OR_RETURN(auto out, query(caller, filter, group_by, page, page_size));
  out["template"] = {{"id", std::to_string(t->id)}, {"name", t->name}};
  return out;
}

Result<std::vector<int64_t>> ReportService::residentIds(const Caller& caller,
                                                        const Filter& filter) {
  LINLI_TRY(access::require(caller, "reports.run"));
  Query q{filter, access::placeOf(*caller.principal), {}, 1, 0, true};
  LINLI_ASSIGN_OR_RETURN(Answer answer, index_.run(q, dateAt(clock_.now())));
  return std::move(answer.page_ids);
}

Result<Filter> ReportService::templateFilter(const Caller& caller, int64_t id) {
  LINLI_TRY(access::require(caller, "reports.run"));
  LINLI_ASSIGN_OR_RETURN(auto t, visibleTemplate(db_, caller, id));
  if (!t) return notFound("template not found");
  return parseFilter(nlohmann::json::parse(t->filter));
}

Result<ExportFile> ReportService::exportResidents(const Caller& caller, const Filter& filter,
                                                  const std::string& format) {
  if (format != "csv" && format != "xlsx")
    return invalidArgument("format", "format must be csv or xlsx");
  Status allowed = access::require(caller, "registry.export");
  if (!allowed.ok()) {
    if (audit_ && allowed.code() == Code::kPermissionDenied)
      audit_->recordNow(caller, {.action = "permission.denied",
                                 .target_type = "residents",
                                 .outcome = "denied",
                                 .detail = {{"wanted", "registry.export"}}});
    return allowed;
  }
  const CivilDate today = dateAt(clock_.now());
  Query q{filter, access::placeOf(*caller.principal), {}, 1, 0, true};
  LINLI_ASSIGN_OR_RETURN(Answer answer, index_.run(q, today));
  if (answer.count > kMaxExportRows)
    return Status(Code::kFailedPrecondition, "more than 100000 residents match; narrow the filter",
                  "filter");
  LINLI_ASSIGN_OR_RETURN(auto residents, registry_.residentsByIds(caller, answer.page_ids));
  static const std::map<std::string, std::string> kStatus = {
      {"registered", "户籍"}, {"permanent", "常住"}, {"floating", "流动"}, {"nominal", "空挂"}};
  std::vector<std::string> headers = {"姓名",     "性别", "年龄", "出生日期", "身份证号",
                                      "联系电话", "地址", "网格", "标签",     "户籍状态"};
  // Without registry.reveal the birth date column holds the year only (DESIGN.md: masks).
  const bool birth_date = access::allowed(caller.principal->role, "registry.reveal");
  std::vector<std::vector<std::string>> rows;
  rows.reserve(residents.size());
  for (const auto& r : residents) {
    std::string tags;
    for (const auto& t : r.tags) tags += (tags.empty() ? "" : "、") + registry::tagLabel(t);
    auto status = kStatus.find(r.residence_status);
    rows.push_back({r.name, r.sex == Sex::kFemale ? "女" : "男",
                    std::to_string(ageOn(r.birth_date, filter.on.value_or(today))),
                    birth_date ? formatDate(r.birth_date) : std::to_string(r.birth_date.year),
                    registry::maskedIdNumber(r.id_last4), registry::maskedPhone(r.phone_last4),
                    r.address, r.grid_name, tags,
                    status != kStatus.end() ? status->second : r.residence_status});
  }
  ExportFile file = exportFile("residents", formatDate(today), format, headers, rows,
                               static_cast<int64_t>(rows.size()));
  if (audit_)
    audit_->recordNow(caller, {.action = "registry.export",
                               .target_type = "residents",
                               .detail = {{"rows", file.rows}, {"format", format}}});
  return file;
}

ExportFile exportFile(const std::string& name, const std::string& date, const std::string& format,
                      const std::vector<std::string>& headers,
                      const std::vector<std::vector<std::string>>& table, int64_t rows) {
  ExportFile file;
  file.rows = rows;
  if (format == "csv") {
    file.body = spreadsheet::writeCsv(headers, table);
    file.content_type = "text/csv; charset=utf-8";
    file.filename = name + "-" + date + ".csv";
  } else {
    file.body = spreadsheet::writeXlsx(headers, table);
    file.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    file.filename = name + "-" + date + ".xlsx";
  }
  return file;
}

}  // namespace linli::reports
