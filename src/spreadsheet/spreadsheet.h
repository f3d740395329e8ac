// Spreadsheets as people keep them: reading CSV (UTF-8 with or without BOM,
// or GB18030 as Chinese Excel saves it; quoted fields; CRLF) and XLSX (the
// first worksheet; shared and inline strings; numbers as Excel wrote them),
// and writing CSV (UTF-8 with BOM so Excel shows Chinese) and XLSX. Knows no
// domain: a table is a header row and data rows of cell text.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"

namespace linli::spreadsheet {

struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;  // blank rows dropped
  std::vector<int> row_numbers;                // spreadsheet row number of each row (header = 1)
};

Result<Table> readCsv(const std::string& bytes);
Result<Table> readXlsx(const std::string& bytes);
// Picks the reader by content (a ZIP signature means XLSX).
Result<Table> readAny(const std::string& bytes);

// The byte-order mark that makes Excel read a CSV as UTF-8.
inline constexpr const char* kUtf8Bom = "\xEF\xBB\xBF";
// One CSV line (with CRLF) appended to out, for writing a file row by row.
void appendCsvLine(std::string& out, const std::vector<std::string>& cells);
std::string writeCsv(const std::vector<std::string>& headers,
                     const std::vector<std::vector<std::string>>& rows);
std::string writeXlsx(const std::vector<std::string>& headers,
                      const std::vector<std::vector<std::string>>& rows);

}  // namespace linli::spreadsheet
