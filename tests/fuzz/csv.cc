// CSV reader (UTF-8 with or without BOM, GB18030): readCsv, and the streaming
// CsvReader with a tiny chunk (1-64 bytes, from the first byte) so characters
// and records are cut at every boundary. Every cell read must be valid UTF-8
// (it is answered as JSON later).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "check_table.h"
#include "spreadsheet/csv_reader.h"
#include "spreadsheet/spreadsheet.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto table = linli::spreadsheet::readCsv(bytes);
  linli::fuzz::checkTable(table);
  std::istringstream in(bytes);
  linli::spreadsheet::CsvReader reader(in, 1 + data[0] % 64);
  std::vector<std::string> cells;
  int line = 0;
  for (int records = 0; records < 100000; ++records) {
    auto more = reader.next(cells, line);
    if (!more.ok() || !*more) break;
    linli::fuzz::mustBeUtf8(cells);
  }
  return 0;
}
