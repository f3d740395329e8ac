// XLSX reader: the whole readXlsx over arbitrary bytes (a ZIP of XML parts).
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "spreadsheet/spreadsheet.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  auto table = linli::spreadsheet::readXlsx(bytes);
  if (!table.ok()) return 0;
  if (table->rows.size() != table->row_numbers.size()) __builtin_trap();
  try {  // every cell is answered as JSON later: it must be valid UTF-8
    (void)nlohmann::json(table->headers).dump();
    (void)nlohmann::json(table->rows).dump();
  } catch (const nlohmann::json::exception&) {
    __builtin_trap();
  }
  return 0;
}
