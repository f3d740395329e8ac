// What every table a spreadsheet reader returns must satisfy, for the fuzz
// targets: a row number per row, and cells that are valid UTF-8 (they are
// answered as JSON later). A violation traps, so libFuzzer records the input.
#pragma once

#include <nlohmann/json.hpp>

#include "spreadsheet/spreadsheet.h"

namespace linli::fuzz {

inline void mustBeUtf8(const nlohmann::json& cells) {
  try {
    (void)cells.dump();
  } catch (const nlohmann::json::exception&) {
    __builtin_trap();
  }
}

inline void checkTable(const Result<spreadsheet::Table>& table) {
  if (!table.ok()) return;
  if (table->rows.size() != table->row_numbers.size()) __builtin_trap();
  mustBeUtf8(table->headers);
  mustBeUtf8(table->rows);
}

}  // namespace linli::fuzz
