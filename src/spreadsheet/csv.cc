#include <algorithm>
#include <sstream>

#include "common/text_normalize.h"
#include "spreadsheet/csv_reader.h"
#include "spreadsheet/spreadsheet.h"

namespace linli::spreadsheet {

namespace {

bool blank(const std::vector<std::string>& row) {
  for (const auto& c : row)
    if (!trimmed(halfWidth(c)).empty()) return false;
  return true;
}

}  // namespace

Result<Table> readCsv(const std::string& raw) {
  std::istringstream in(raw);
  // The whole text is here: no chunk larger than it (a small upload needs no 1 MiB buffer).
  CsvReader reader(in, std::min<size_t>(raw.size() + 1, 1 << 20));
  Table t;
  std::vector<std::string> cells;
  int line = 0, header_line = 0;
  for (;;) {
    LINLI_ASSIGN_OR_RETURN(bool more, reader.next(cells, line));
    if (!more) break;
    if (blank(cells)) continue;
    if (t.headers.empty() && header_line == 0) {
      header_line = line;
      for (auto& h : cells) t.headers.push_back(trimmed(halfWidth(h)));
      continue;
    }
    cells.resize(std::max(cells.size(), t.headers.size()));
    t.rows.push_back(cells);
    t.row_numbers.push_back(line - header_line + 1);
  }
  if (header_line == 0) return invalidArgument("file", "the file has no header row");
  return t;
}

void appendCsvLine(std::string& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    const std::string& v = cells[i];
    // A leading = + - @ would be a formula in Excel: keep it text.
    const bool formula = !v.empty() && std::string_view("=+-@").find(v[0]) != std::string::npos;
    const bool quote = v.find_first_of(",\"\r\n") != std::string::npos;
    if (quote) out += '"';
    if (formula) out += '\'';
    for (char c : v) out += c == '"' && quote ? std::string_view("\"\"") : std::string_view(&c, 1);
    if (quote) out += '"';
  }
  out += "\r\n";
}

std::string writeCsv(const std::vector<std::string>& headers,
                     const std::vector<std::vector<std::string>>& rows) {
  std::string out = kUtf8Bom;
  appendCsvLine(out, headers);
  for (const auto& r : rows) appendCsvLine(out, r);
  return out;
}

Result<Table> readAny(const std::string& bytes) {
  if (bytes.rfind("PK\x03\x04", 0) == 0) return readXlsx(bytes);
  return readCsv(bytes);
}

}  // namespace linli::spreadsheet
