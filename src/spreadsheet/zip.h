// Minimal ZIP for XLSX (private to spreadsheet): read the entries of an
// archive (stored or deflated; no ZIP64, no encryption) and write one with
// deflated entries.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/result.h"

namespace linli::spreadsheet::zip {

// Entry name → contents. Limits the total inflated size (zip bombs).
Result<std::map<std::string, std::string>> readAll(const std::string& archive,
                                                   size_t max_total = 256u << 20);
std::string write(const std::vector<std::pair<std::string, std::string>>& entries);

}  // namespace linli::spreadsheet::zip
