// XLSX reader past the ZIP layer: the input is a worksheet's XML, a NUL, and
// sharedStrings.xml, packed into a valid archive, so mutations reach expat and
// the cell logic instead of failing the ZIP checksums.
#include <cstddef>
#include <cstdint>
#include <string>

#include "check_table.h"
#include "spreadsheet/spreadsheet.h"
#include "spreadsheet/zip.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string all(reinterpret_cast<const char*>(data), size);
  const size_t nul = all.find('\0');
  std::vector<std::pair<std::string, std::string>> entries = {
      {"xl/worksheets/sheet1.xml", all.substr(0, nul)}};
  if (nul != std::string::npos) entries.emplace_back("xl/sharedStrings.xml", all.substr(nul + 1));
  auto table = linli::spreadsheet::readXlsx(linli::spreadsheet::zip::write(entries));
  linli::fuzz::checkTable(table);
  return 0;
}
