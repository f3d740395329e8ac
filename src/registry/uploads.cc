// The import wizard's steps: keep an uploaded spreadsheet, map its columns,
// dry-run or commit it through importResidents.
#include <malloc.h>

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

// An import's buffers are large and short-lived: glibc keeps freed memory in
// its arenas, so it is handed back to the system once the step is done.
struct GiveBackMemory {
  ~GiveBackMemory() { malloc_trim(0); }
};
}  // namespace

Result<nlohmann::json> Registry::storeUpload(const Caller& caller, const std::string& filename,
                                             std::string bytes) {
  LINLI_TRY(access::require(caller, "registry.import"));
  if (bytes.empty()) return invalidArgument("file", "the file is empty");
  GiveBackMemory give_back;
  // Read through once, record by record, for the count and a sample; the
  // upload keeps the bytes themselves.
  auto shared = std::make_shared<const std::string>(std::move(bytes));
  LINLI_ASSIGN_OR_RETURN(auto file, SpreadsheetFile::fromBytes(shared));
  nlohmann::json sample = nlohmann::json::array();
  size_t rows = 0;
  std::vector<std::string> cells;
  int row = 0;
  for (;;) {
    LINLI_ASSIGN_OR_RETURN(bool more, file->nextRecord(cells, row));
    if (!more) break;
    if (++rows > kMaxRows) return invalidArgument("file", "at most 200000 rows per file; split it");
    if (sample.size() < 5) {
      cells.resize(std::max(cells.size(), file->headers().size()));
      sample.push_back(cells);
    }
  }
  const std::vector<std::string> headers = file->headers();
  file.reset();
  const TimeMs now = clock_.now();
  LINLI_ASSIGN_OR_RETURN(
      int64_t id, (storage::writeResult<int64_t>(db_, [&](storage::Tx& tx) -> Result<int64_t> {
        LINLI_TRY(repo::deleteUploadsBefore(tx, now - kUploadLifetimeMs));
        return repo::insertUpload(tx, caller.principal->user_id, filename, *shared, now);
      })));
  nlohmann::json mapping = nlohmann::json::object();
  for (const auto& [h, f] : suggestMapping(headers))
    mapping[h] = f ? nlohmann::json(*f) : nlohmann::json();
  return nlohmann::json{{"id", std::to_string(id)}, {"filename", filename},
                        {"headers", headers},       {"rows", rows},
                        {"sample", sample},         {"suggested_mapping", mapping},
                        {"fields", importFields()}};
}

Result<ImportSummary> Registry::importUpload(
    const Caller& caller, int64_t upload_id,
    const std::map<std::string, std::optional<std::string>>& mapping,
    const ImportOptions& options) {
  LINLI_TRY(access::require(caller, "registry.import"));
  GiveBackMemory give_back;
  LINLI_ASSIGN_OR_RETURN(
      auto upload, (storage::readResult<std::optional<repo::UploadRow>>(db_, [&](storage::Tx& tx) {
        return repo::findUpload(tx, caller.principal->user_id, upload_id);
      })));
  if (!upload) return notFound("upload not found (uploads are kept for a day)");
  ImportOptions opts = options;
  opts.source = upload->filename;
  LINLI_ASSIGN_OR_RETURN(
      auto file,
      SpreadsheetFile::fromBytes(std::make_shared<const std::string>(std::move(upload->body))));
  LINLI_TRY(file->useMapping(mapping));
  LINLI_ASSIGN_OR_RETURN(ImportSummary summary, importResidents(caller, *file, opts));
  file.reset();
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
