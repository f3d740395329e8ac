#include <algorithm>

#include "common/text_normalize.h"
#include "spreadsheet/spreadsheet.h"
#include "spreadsheet/zip.h"

namespace linli::spreadsheet {

namespace {

std::string decodeEntities(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos) {
      out += s[i];
      continue;
    }
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    uint32_t cp = 0;
    if (ent == "amp")
      cp = '&';
    else if (ent == "lt")
      cp = '<';
    else if (ent == "gt")
      cp = '>';
    else if (ent == "quot")
      cp = '"';
    else if (ent == "apos")
      cp = '\'';
    else if (!ent.empty() && ent[0] == '#')
      cp = static_cast<uint32_t>(ent.size() > 1 && ent[1] == 'x'
                                     ? std::stoul(std::string(ent.substr(2)), nullptr, 16)
                                     : std::stoul(std::string(ent.substr(1))));
    if (cp == 0) {
      out += s[i];
      continue;
    }
    if (cp < 0x80)
      out += static_cast<char>(cp);
    else if (cp < 0x800)
      out += {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    else if (cp < 0x10000)
      out += {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
              static_cast<char>(0x80 | (cp & 0x3F))};
    else
      out += {static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
              static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    i = semi;
  }
  return out;
}

std::string attribute(std::string_view tag, std::string_view name) {
  std::string key = " " + std::string(name) + "=\"";
  size_t at = tag.find(key);
  if (at == std::string_view::npos) return {};
  at += key.size();
  size_t end = tag.find('"', at);
  return std::string(tag.substr(at, end - at));
}

// Text of every <t> in `xml`, skipping phonetic runs (<rPh>).
std::string textOf(std::string_view xml) {
  std::string out;
  size_t p = 0;
  while ((p = xml.find("<t", p)) != std::string_view::npos) {
    if (xml.substr(p, 3) != "<t>" && xml.substr(p, 3) != "<t ") {
      ++p;
      continue;
    }
    size_t rph = xml.rfind("<rPh", p), rph_end = xml.rfind("</rPh>", p);
    size_t open_end = xml.find('>', p);
    if (open_end == std::string_view::npos) break;
    size_t close = xml.find("</t>", open_end);
    if (close == std::string_view::npos) break;
    bool phonetic =
        rph != std::string_view::npos && (rph_end == std::string_view::npos || rph_end < rph);
    if (xml[open_end - 1] != '/' && !phonetic)
      out += decodeEntities(xml.substr(open_end + 1, close - open_end - 1));
    p = close + 4;
  }
  return out;
}

int columnIndex(const std::string& ref) {
  int col = 0;
  for (char c : ref) {
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + (c - 'A' + 1);
  }
  return col - 1;
}

}  // namespace

Result<Table> readXlsx(const std::string& bytes) {
  LINLI_ASSIGN_OR_RETURN(auto files, zip::readAll(bytes));
  std::vector<std::string> shared;
  if (auto it = files.find("xl/sharedStrings.xml"); it != files.end()) {
    std::string_view xml = it->second;
    size_t p = 0;
    while ((p = xml.find("<si", p)) != std::string_view::npos) {
      size_t end = xml.find("</si>", p);
      size_t self = xml.find("/>", p);
      if (self != std::string_view::npos &&
          (end == std::string_view::npos || self < xml.find('>', p) + 1)) {
        shared.emplace_back();
        p = self + 2;
        continue;
      }
      if (end == std::string_view::npos) break;
      shared.push_back(textOf(xml.substr(p, end - p)));
      p = end + 5;
    }
  }
  std::string sheet_name = "xl/worksheets/sheet1.xml";
  if (!files.count(sheet_name)) {
    sheet_name.clear();
    for (const auto& [name, data] : files)
      if (name.rfind("xl/worksheets/", 0) == 0 && name.find(".xml") != std::string::npos &&
          name.find("_rels") == std::string::npos) {
        sheet_name = name;
        break;
      }
    if (sheet_name.empty()) return invalidArgument("file", "the XLSX file has no worksheet");
  }
  std::string_view xml = files[sheet_name];
  std::vector<std::pair<int, std::vector<std::string>>> rows;
  size_t p = 0;
  int implicit_row = 0;
  while ((p = xml.find("<row", p)) != std::string_view::npos) {
    size_t tag_end = xml.find('>', p);
    if (tag_end == std::string_view::npos) break;
    std::string_view tag = xml.substr(p, tag_end - p);
    std::string r = attribute(tag, "r");
    int number = r.empty() ? implicit_row + 1 : std::stoi(r);
    implicit_row = number;
    std::vector<std::string> cells;
    if (xml[tag_end - 1] == '/') {
      p = tag_end + 1;
      continue;
    }
    size_t row_end = xml.find("</row>", tag_end);
    if (row_end == std::string_view::npos) break;
    std::string_view body = xml.substr(tag_end + 1, row_end - tag_end - 1);
    size_t c = 0;
    int implicit_col = 0;
    while ((c = body.find("<c", c)) != std::string_view::npos) {
      if (body.substr(c, 3) != "<c " && body.substr(c, 3) != "<c>") {
        ++c;
        continue;
      }
      size_t ctag_end = body.find('>', c);
      std::string_view ctag = body.substr(c, ctag_end - c);
      std::string ref = attribute(ctag, "r"), type = attribute(ctag, "t");
      int col = ref.empty() ? implicit_col : columnIndex(ref);
      implicit_col = col + 1;
      std::string value;
      size_t next = ctag_end + 1;
      if (body[ctag_end - 1] != '/') {
        size_t cend = body.find("</c>", ctag_end);
        std::string_view inner = body.substr(ctag_end + 1, cend - ctag_end - 1);
        next = cend + 4;
        if (type == "inlineStr") {
          value = textOf(inner);
        } else {
          size_t v = inner.find("<v>"), vend = inner.find("</v>");
          if (v != std::string_view::npos && vend != std::string_view::npos)
            value = decodeEntities(inner.substr(v + 3, vend - v - 3));
          if (type == "s") {
            size_t index = value.empty() ? shared.size() : std::stoul(value);
            value = index < shared.size() ? shared[index] : "";
          } else if (type == "b") {
            value = value == "1" ? "TRUE" : "FALSE";
          }
        }
      }
      if (col >= 0 && col < 1000) {
        if (static_cast<int>(cells.size()) <= col) cells.resize(col + 1);
        cells[col] = value;
      }
      c = next;
    }
    rows.emplace_back(number, std::move(cells));
    p = row_end + 6;
  }
  Table t;
  auto blank = [](const std::vector<std::string>& r) {
    return std::all_of(r.begin(), r.end(),
                       [](const std::string& c) { return trimmed(halfWidth(c)).empty(); });
  };
  size_t first = 0;
  while (first < rows.size() && blank(rows[first].second)) ++first;
  if (first == rows.size()) return invalidArgument("file", "the worksheet has no header row");
  for (auto& h : rows[first].second) t.headers.push_back(trimmed(halfWidth(h)));
  for (size_t i = first + 1; i < rows.size(); ++i) {
    if (blank(rows[i].second)) continue;
    rows[i].second.resize(std::max(rows[i].second.size(), t.headers.size()));
    t.row_numbers.push_back(rows[i].first - rows[first].first + 1);
    t.rows.push_back(std::move(rows[i].second));
  }
  return t;
}

std::string writeXlsx(const std::vector<std::string>& headers,
                      const std::vector<std::vector<std::string>>& rows) {
  auto escape = [](const std::string& s) {
    std::string out;
    for (char c : s) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        default:
          if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') out += c;
      }
    }
    return out;
  };
  auto colName = [](size_t i) {
    std::string s;
    for (size_t n = i + 1; n > 0; n = (n - 1) / 26)
      s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
    return s;
  };
  std::string sheet =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
  auto row = [&](size_t r, const std::vector<std::string>& cells) {
    sheet += "<row r=\"" + std::to_string(r) + "\">";
    for (size_t c = 0; c < cells.size(); ++c)
      sheet += "<c r=\"" + colName(c) + std::to_string(r) +
               "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" + escape(cells[c]) +
               "</t></is></c>";
    sheet += "</row>";
  };
  row(1, headers);
  for (size_t i = 0; i < rows.size(); ++i) row(i + 2, rows[i]);
  sheet += "</sheetData></worksheet>";
  const std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
  return zip::write({
      {"[Content_Types].xml",
       xml + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
             "<Default Extension=\"rels\" "
             "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
             "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
             "<Override PartName=\"/xl/workbook.xml\" "
             "ContentType=\"application/"
             "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
             "<Override PartName=\"/xl/worksheets/sheet1.xml\" "
             "ContentType=\"application/"
             "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
             "</Types>"},
      {"_rels/.rels",
       xml +
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
           "officeDocument\" Target=\"xl/workbook.xml\"/>"
           "</Relationships>"},
      {"xl/workbook.xml",
       xml + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
             "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
             "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       xml +
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
           "Target=\"worksheets/sheet1.xml\"/>"
           "</Relationships>"},
      {"xl/worksheets/sheet1.xml", sheet},
  });
}

}  // namespace linli::spreadsheet
