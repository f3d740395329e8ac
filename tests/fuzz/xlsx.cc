// XLSX reader: the whole readXlsx over arbitrary bytes (a ZIP of XML parts).
#include <cstddef>
#include <cstdint>
#include <string>

#include "check_table.h"
#include "spreadsheet/spreadsheet.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  auto table = linli::spreadsheet::readXlsx(bytes);
  linli::fuzz::checkTable(table);
  return 0;
}
