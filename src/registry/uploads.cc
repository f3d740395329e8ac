// The import wizard's steps: keep an uploaded spreadsheet, map its columns,
// dry-run or commit it through importResidents.
#include <algorithm>
#include <set>

#include "registry/guard.h"
#include "registry/import_source.h"
#include "registry/repo.h"
#include "registry/vocabulary.h"
#include "spreadsheet/spreadsheet.h"

namespace linli::registry {

namespace {
constexpr TimeMs kUploadLifetimeMs = 24 * 3600 * 1000;
constexpr size_t kMaxRows = 200000;
}  // namespace

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
  spreadsheet::Table table{std::move(upload->headers), std::move(upload->rows),
                           std::move(upload->row_numbers)};
  LINLI_ASSIGN_OR_RETURN(auto source, tableSource(table, mapping));
  ImportOptions opts = options;
  opts.source = upload->filename;
  LINLI_ASSIGN_OR_RETURN(ImportSummary summary, importResidents(caller, *source, opts));
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
