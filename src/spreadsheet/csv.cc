#include <iconv.h>

#include "common/text_normalize.h"
#include "spreadsheet/spreadsheet.h"

namespace linli::spreadsheet {

namespace {

bool validUtf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80             ? 0
            : (c & 0xE0) == 0xC0 ? 1
            : (c & 0xF0) == 0xE0 ? 2
            : (c & 0xF8) == 0xF0 ? 3
                                 : -1;
    if (n < 0 || i + n >= s.size() + (n == 0)) return false;
    for (int k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n + 1;
  }
  return true;
}

Result<std::string> fromGb18030(const std::string& in) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return internalError("GB18030 conversion unavailable");
  std::string out(in.size() * 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  if (rc == static_cast<size_t>(-1))
    return invalidArgument("file", "the file is neither UTF-8 nor GB18030 text");
  out.resize(out.size() - dst_left);
  return out;
}

bool blank(const std::vector<std::string>& row) {
  for (const auto& c : row)
    if (!trimmed(halfWidth(c)).empty()) return false;
  return true;
}

}  // namespace

Result<Table> readCsv(const std::string& raw) {
  std::string text = raw;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0)
    text = text.substr(3);
  else if (!validUtf8(text)) {
    LINLI_ASSIGN_OR_RETURN(text, fromGb18030(text));
  }
  std::vector<std::vector<std::string>> records;
  std::vector<int> line_of;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, any = false;
  int line = 1, record_line = 1;
  for (size_t i = 0; i <= text.size(); ++i) {
    char c = i < text.size() ? text[i] : '\n';
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == '"' && cell.empty()) {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(std::move(cell));
      cell.clear();
      any = true;
    } else if (c == '\r') {
      continue;
    } else if (c == '\n') {
      if (any || !cell.empty()) {
        row.push_back(std::move(cell));
        records.push_back(std::move(row));
        line_of.push_back(record_line);
      }
      row.clear();
      cell.clear();
      any = false;
      record_line = ++line;
    } else {
      cell += c;
      any = true;
    }
  }
  if (quoted) return invalidArgument("file", "a quoted field is not closed");
  Table t;
  size_t first = 0;
  while (first < records.size() && blank(records[first])) ++first;
  if (first == records.size()) return invalidArgument("file", "the file has no header row");
  for (auto& h : records[first]) t.headers.push_back(trimmed(halfWidth(h)));
  for (size_t r = first + 1; r < records.size(); ++r) {
    if (blank(records[r])) continue;
    records[r].resize(std::max(records[r].size(), t.headers.size()));
    t.rows.push_back(std::move(records[r]));
    t.row_numbers.push_back(line_of[r] - line_of[first] + 1);
  }
  return t;
}

std::string writeCsv(const std::vector<std::string>& headers,
                     const std::vector<std::vector<std::string>>& rows) {
  auto field = [](const std::string& v) {
    // A leading = + - @ would be a formula in Excel: keep it text.
    std::string s =
        (!v.empty() && std::string("=+-@").find(v[0]) != std::string::npos) ? "'" + v : v;
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + field(cells[i]);
    out += "\r\n";
  };
  line(headers);
  for (const auto& r : rows) line(r);
  return out;
}

Result<Table> readAny(const std::string& bytes) {
  if (bytes.rfind("PK\x03\x04", 0) == 0) return readXlsx(bytes);
  return readCsv(bytes);
}

}  // namespace linli::spreadsheet
