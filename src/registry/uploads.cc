// The import wizard's steps: keep an uploaded spreadsheet, map its columns,
// dry-run or commit it through importResidents.
#include <algorithm>
#include <set>

#include "registry/guard.h"
#include "registry/repo.h"
#include "registry/vocabulary.h"
#include "spreadsheet/spreadsheet.h"

namespace linli::registry {

namespace {
constexpr TimeMs kUploadLifetimeMs = 24 * 3600 * 1000;
constexpr size_t kMaxRows = 200000;
}  // namespace

std::map<std::string, std::optional<std::string>> Registry::suggestMapping(
    const std::vector<std::string>& headers) {
  std::map<std::string, std::optional<std::string>> mapping;
  std::set<std::string> taken;
  for (const auto& h : headers) {
    auto field = suggestField(h);
    if (field && taken.insert(*field).second)
      mapping[h] = field;
    else
      mapping[h] = std::nullopt;
  }
  return mapping;
}

Result<std::vector<ImportRow>> Registry::mapRows(
    const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows,
    const std::vector<int>& row_numbers,
    const std::map<std::string, std::optional<std::string>>& mapping) {
  std::vector<std::pair<size_t, std::string>> columns;  // column index → field
  std::set<std::string> fields;
  for (const auto& [header, field] : mapping) {
    if (!field) continue;
    const auto& known = importFields();
    if (std::find(known.begin(), known.end(), *field) == known.end())
      return invalidArgument("mapping", "unknown import field " + *field + " for column " + header);
    auto at = std::find(headers.begin(), headers.end(), header);
    if (at == headers.end()) return invalidArgument("mapping", "the file has no column " + header);
    if (!fields.insert(*field).second)
      return invalidArgument("mapping", "two columns are mapped to " + *field);
    columns.emplace_back(static_cast<size_t>(at - headers.begin()), *field);
  }
  for (const char* required : {"name", "id_number", "building", "room"})
    if (!fields.count(required))
      return invalidArgument("mapping", std::string("map a column to ") + required);
  std::vector<ImportRow> out;
  out.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    ImportRow r;
    r.row = i < row_numbers.size() ? row_numbers[i] : static_cast<int>(i + 2);
    for (const auto& [col, field] : columns)
      r.cells.emplace_back(field, col < rows[i].size() ? rows[i][col] : std::string());
    out.push_back(std::move(r));
  }
  return out;
}

Result<nlohmann::json> Registry::storeUpload(const Caller& caller, const std::string& filename,
                                             const std::string& bytes) {
  LINLI_TRY(auth::require(caller, "registry.import"));
  if (bytes.empty()) return invalidArgument("file", "the file is empty");
  LINLI_ASSIGN_OR_RETURN(auto table, spreadsheet::readAny(bytes));
  if (table.rows.size() > kMaxRows)
    return invalidArgument("file", "at most 200000 rows per file; split it");
  repo::UploadRow upload{filename, table.headers, table.rows, table.row_numbers};
  const TimeMs now = clock_.now();
  LINLI_ASSIGN_OR_RETURN(
      int64_t id, (storage::writeResult<int64_t>(db_, [&](storage::Tx& tx) -> Result<int64_t> {
        LINLI_TRY(repo::deleteUploadsBefore(tx, now - kUploadLifetimeMs));
        return repo::insertUpload(tx, caller.principal->user_id, upload, now);
      })));
  nlohmann::json sample = nlohmann::json::array();
  for (size_t i = 0; i < table.rows.size() && i < 5; ++i) sample.push_back(table.rows[i]);
  nlohmann::json mapping = nlohmann::json::object();
  for (const auto& [h, f] : suggestMapping(table.headers))
    mapping[h] = f ? nlohmann::json(*f) : nlohmann::json();
  return nlohmann::json{{"id", std::to_string(id)}, {"filename", filename},
                        {"headers", table.headers}, {"rows", table.rows.size()},
                        {"sample", sample},         {"suggested_mapping", mapping},
                        {"fields", importFields()}};
}

Result<ImportSummary> Registry::importUpload(
    const Caller& caller, int64_t upload_id,
    const std::map<std::string, std::optional<std::string>>& mapping,
    const ImportOptions& options) {
  LINLI_TRY(auth::require(caller, "registry.import"));
  LINLI_ASSIGN_OR_RETURN(
      auto upload, (storage::readResult<std::optional<repo::UploadRow>>(db_, [&](storage::Tx& tx) {
        return repo::findUpload(tx, caller.principal->user_id, upload_id);
      })));
  if (!upload) return notFound("upload not found (uploads are kept for a day)");
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         mapRows(upload->headers, upload->rows, upload->row_numbers, mapping));
  ImportOptions opts = options;
  opts.source = upload->filename;
  LINLI_ASSIGN_OR_RETURN(ImportSummary summary, importResidents(caller, rows, opts));
  // Errors name the spreadsheet's own column headers.
  std::map<std::string, std::string> header_of;
  for (const auto& [h, f] : mapping)
    if (f) header_of[*f] = h;
  for (auto& e : summary.errors)
    if (auto it = header_of.find(e.field); it != header_of.end()) e.field = it->second;
  if (summary.committed)
    (void)db_.write([&](storage::Tx& tx) { return repo::deleteUpload(tx, upload_id); });
  return summary;
}

}  // namespace linli::registry
