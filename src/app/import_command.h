// `linli import residents FILE --data-dir DIR [--dry-run] [--json] [--grid ID]
// [--map 列名=field ...]`: an operator's import of a CSV or XLSX file, with
// the header mapping suggested as in the web wizard, a progress bar on
// stderr, and with --json one object on stdout:
// {"rows": N, "imported": N, "errors": [{"row", "column", "reason"}]}.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"

namespace linli::app {

struct ImportCommand {
  std::string file;
  bool dry_run = false;
  bool json = false;
  std::optional<int64_t> grid_id;
  std::vector<std::string> mappings;  // "列名=field" or "列名=" to ignore a column
};

int runImport(App& app, const ImportCommand& command);

}  // namespace linli::app
