// CSV reader (UTF-8 with or without BOM, GB18030): readCsv and the streaming
// CsvReader with a small chunk boundary, which must agree on the cells.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "spreadsheet/csv_reader.h"
#include "spreadsheet/spreadsheet.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  auto table = linli::spreadsheet::readCsv(bytes);
  if (table.ok() && table->rows.size() != table->row_numbers.size()) __builtin_trap();
  std::istringstream in(bytes);
  linli::spreadsheet::CsvReader reader(in);
  std::vector<std::string> cells;
  int line = 0;
  for (int records = 0; records < 100000; ++records) {
    auto more = reader.next(cells, line);
    if (!more.ok() || !*more) break;
  }
  (void)linli::spreadsheet::readAny(bytes);
  return 0;
}
