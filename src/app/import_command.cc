#include "app/import_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "common/messages.h"
#include "registry/import_source.h"

namespace linli::app {

namespace {

// done/total are rows, or bytes of a streamed CSV: the bar shows a share.
void progressBar(size_t done, size_t total) {
  if (!isatty(STDERR_FILENO) || total == 0) return;
  const int width = 30;
  int filled = static_cast<int>(width * done / total);
  std::fprintf(stderr, "\r[%s%s] %3d%%", std::string(filled, '#').c_str(),
               std::string(width - filled, ' ').c_str(), static_cast<int>(100 * done / total));
  if (done == total) std::fputc('\n', stderr);
}

}  // namespace

int runImport(App& app, const ImportCommand& command) {
  auto file = registry::SpreadsheetFile::open(command.file);
  if (!file.ok()) {
    std::cerr << "linli: " << command.file << ": " << file.status().message() << "\n";
    return 2;
  }
  auto mapping = registry::suggestMapping((*file)->headers());
  for (const auto& m : command.mappings) {
    size_t eq = m.find('=');
    if (eq == std::string::npos) {
      std::cerr << "linli: --map takes 列名=field, got " << m << "\n";
      return 2;
    }
    std::string field = m.substr(eq + 1);
    mapping[m.substr(0, eq)] = field.empty() ? std::nullopt : std::optional<std::string>(field);
  }
  if (Status mapped = (*file)->useMapping(mapping); !mapped.ok()) {
    std::cerr << "linli: " << mapped.message() << "\n";
    return 2;
  }
  auto started = std::chrono::steady_clock::now();
  registry::ImportOptions options{.default_grid_id = command.grid_id,
                                  .dry_run = command.dry_run,
                                  .source = command.file,
                                  .progress = progressBar};
  auto summary = app.registry->importResidentsAsOperator(**file, options);
  if (!summary.ok()) {
    std::cerr << "linli: " << summary.status().toString() << "\n";
    return 1;
  }
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  std::map<std::string, std::string> header_of;
  for (const auto& [h, f] : mapping)
    if (f) header_of[*f] = h;
  // Reasons in the operator's language (LANG), the column named as in their file.
  const std::string locale = cliLocale();
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& e : summary->errors) {
    auto it = header_of.find(e.field);
    const std::string column = it != header_of.end() ? it->second : e.field;
    MessageParams params = e.params;
    for (auto& [name, value] : params)
      if (name == "column") value = column;
    errors.push_back({{"row", e.row},
                      {"column", column},
                      {"key", e.key},
                      {"reason", e.key.empty() ? e.reason : renderMessage(e.key, params, locale)}});
  }
  const int64_t imported = summary->committed ? summary->created + summary->updated : 0;
  if (command.json) {
    std::cout << nlohmann::json{{"rows", summary->rows},       {"imported", imported},
                                {"created", summary->created}, {"updated", summary->updated},
                                {"dry_run", command.dry_run},  {"errors", errors}}
                     .dump()
              << "\n";
  } else {
    for (const auto& e : errors)
      std::cout << "row " << e["row"] << ", " << e["column"].get<std::string>() << ": "
                << e["reason"].get<std::string>() << "\n";
    if (!errors.empty())
      std::cout << errors.size() << " problems; nothing was imported.\n";
    else if (command.dry_run)
      std::cout << summary->rows << " rows are fine: " << summary->created << " new, "
                << summary->updated << " to update. Nothing was written (dry run).\n";
    else
      std::printf("%lld rows imported (%lld new, %lld updated) in %.1f s.\n",
                  static_cast<long long>(imported), static_cast<long long>(summary->created),
                  static_cast<long long>(summary->updated), took.count());
  }
  return errors.empty() ? 0 : 3;
}

}  // namespace linli::app
