#include <expat.h>

#include <algorithm>
#include <charconv>
#include <memory>

#include "common/text_normalize.h"
#include "spreadsheet/spreadsheet.h"
#include "spreadsheet/zip.h"

namespace linli::spreadsheet {

namespace {

constexpr int kMaxColumns = 1000;       // cells further right are dropped
constexpr int kMaxRowNumber = 1048576;  // Excel's last row

Status bad(const std::string& why) {
  return invalidArgument("file", "not a readable XLSX file: " + why);
}

// A streaming expat parse of one entry. Refuses a DOCTYPE (no DTD, so no
// entity definitions: no XXE, no billion laughs); handlers report their own
// errors through fail(), which stops the parser.
class XmlPart {
 public:
  explicit XmlPart(std::string entry)
      : entry_(std::move(entry)), parser_(XML_ParserCreate(nullptr)) {
    XML_SetUserData(parser_.get(), this);
    XML_SetStartDoctypeDeclHandler(
        parser_.get(), [](void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
          static_cast<XmlPart*>(self)->fail(bad(static_cast<XmlPart*>(self)->entry_ +
                                                " declares a DOCTYPE, which XLSX files never do"));
        });
    XML_SetEntityDeclHandler(
        parser_.get(), [](void* self, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                          const XML_Char*, const XML_Char*, const XML_Char*) {
          static_cast<XmlPart*>(self)->fail(
              bad(static_cast<XmlPart*>(self)->entry_ + " declares an entity"));
        });
    XML_SetParamEntityParsing(parser_.get(), XML_PARAM_ENTITY_PARSING_NEVER);
  }
  virtual ~XmlPart() = default;

  Status parse(zip::Archive& archive) {
    if (!parser_) return internalError("XML_ParserCreate failed");
    XML_SetElementHandler(
        parser_.get(),
        [](void* self, const XML_Char* name, const XML_Char** attrs) {
          static_cast<XmlPart*>(self)->start(localName(name), attrs);
        },
        [](void* self, const XML_Char* name) {
          static_cast<XmlPart*>(self)->end(localName(name));
        });
    XML_SetCharacterDataHandler(parser_.get(), [](void* self, const XML_Char* s, int len) {
      static_cast<XmlPart*>(self)->text(std::string_view(s, static_cast<size_t>(len)));
    });
    LINLI_TRY(archive.stream(entry_, [&](std::string_view chunk) { return feed(chunk, false); }));
    return feed({}, true);
  }

 protected:
  virtual void start(std::string_view name, const XML_Char** attrs) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}

  void fail(Status st) {
    if (error_.ok()) error_ = std::move(st);
    XML_StopParser(parser_.get(), XML_FALSE);
  }
  bool failed() const { return !error_.ok(); }
  // Where the parser is, for messages: "line 3".
  std::string where() const {
    return "line " + std::to_string(XML_GetCurrentLineNumber(parser_.get()));
  }
  static std::string_view attribute(const XML_Char** attrs, std::string_view name) {
    for (size_t i = 0; attrs[i]; i += 2)
      if (localName(attrs[i]) == name) return attrs[i + 1];
    return {};
  }
  const std::string entry_;

 private:
  // "x:row" and "row" alike: SpreadsheetML is read by local name.
  static std::string_view localName(const XML_Char* name) {
    std::string_view n(name);
    const size_t colon = n.rfind(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
  }
  Status feed(std::string_view chunk, bool final) {
    if (XML_Parse(parser_.get(), chunk.data(), static_cast<int>(chunk.size()), final) !=
        XML_STATUS_OK) {
      if (!error_.ok()) return error_;
      return bad(entry_ + " is not well-formed XML (" +
                 XML_ErrorString(XML_GetErrorCode(parser_.get())) + " at " + where() + ")");
    }
    return error_;
  }
  struct Free {
    void operator()(XML_Parser p) const { XML_ParserFree(p); }
  };
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, Free> parser_;
  Status error_;
};

// Text of a string item (<si> or <is>): every <t>, skipping phonetic runs (<rPh>).
class RichText {
 public:
  void start(std::string_view name) {
    if (name == "rPh") ++phonetic_;
    if (name == "t" && !phonetic_) in_t_ = true;
  }
  void end(std::string_view name) {
    if (name == "rPh" && phonetic_) --phonetic_;
    if (name == "t") in_t_ = false;
  }
  void text(std::string_view s) {
    if (in_t_) value_ += s;
  }
  std::string take() {
    in_t_ = false;
    phonetic_ = 0;
    return std::move(value_);
  }

 private:
  std::string value_;
  bool in_t_ = false;
  int phonetic_ = 0;
};

class SharedStrings : public XmlPart {
 public:
  SharedStrings() : XmlPart("xl/sharedStrings.xml") {}
  std::vector<std::string> strings;

 private:
  void start(std::string_view name, const XML_Char**) override {
    if (name == "si") {
      in_si_ = true;
      text_.take();
    } else if (in_si_) {
      text_.start(name);
    }
  }
  void end(std::string_view name) override {
    if (name == "si") {
      strings.push_back(text_.take());
      in_si_ = false;
    } else if (in_si_) {
      text_.end(name);
    }
  }
  void text(std::string_view s) override {
    if (in_si_) text_.text(s);
  }
  bool in_si_ = false;
  RichText text_;
};

template <typename T>
bool parseNumber(std::string_view s, T& out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size() && !s.empty();
}

class Worksheet : public XmlPart {
 public:
  Worksheet(std::string entry, const std::vector<std::string>& shared)
      : XmlPart(std::move(entry)), shared_(shared) {}
  std::vector<std::pair<int, std::vector<std::string>>> rows;

 private:
  enum class In { kNothing, kValue, kInline };

  void start(std::string_view name, const XML_Char** attrs) override {
    if (failed()) return;
    if (name == "row") {
      const std::string_view r = attribute(attrs, "r");
      int number = row_number_ + 1;
      if (!r.empty() && (!parseNumber(r, number) || number < 1 || number > kMaxRowNumber))
        return fail(bad("row number \"" + std::string(r.substr(0, 20)) + "\" in " + entry_ +
                        " at " + where() + " is not a number from 1 to 1048576"));
      row_number_ = number;
      in_row_ = true;
      column_ = 0;
      cells_.clear();
    } else if (name == "c" && in_row_) {
      const std::string_view ref = attribute(attrs, "r");
      int col = column_;
      if (!ref.empty() && !columnOf(ref, col))
        return fail(bad("cell reference \"" + std::string(ref.substr(0, 20)) + "\" in " + entry_ +
                        " at " + where() + " is not like A1"));
      in_cell_ = true;
      cell_col_ = col;
      column_ = col + 1;
      type_ = attribute(attrs, "t");
      value_.clear();
      cell_ref_ = ref.empty() ? "at " + where() : std::string(ref);
    } else if (in_cell_ && name == "v") {
      in_ = In::kValue;
    } else if (in_cell_ && name == "is") {
      in_ = In::kInline;
      inline_.take();
    } else if (in_ == In::kInline) {
      inline_.start(name);
    }
  }

  void end(std::string_view name) override {
    if (failed()) return;
    if (name == "row" && in_row_) {
      rows.emplace_back(row_number_, std::move(cells_));
      cells_ = {};
      in_row_ = false;
    } else if (name == "c" && in_cell_) {
      in_cell_ = false;
      std::string value;
      if (type_ == "inlineStr") {
        value = std::move(inline_value_);
      } else if (type_ == "s") {
        size_t index = 0;
        if (value_.empty()) {
          value.clear();
        } else if (!parseNumber(std::string_view(value_), index)) {
          return fail(bad("cell " + cell_ref_ + " of " + entry_ + " refers to shared string \"" +
                          value_.substr(0, 20) + "\", which is not a number"));
        } else if (index >= shared_.size()) {
          return fail(bad("cell " + cell_ref_ + " of " + entry_ + " refers to shared string " +
                          std::to_string(index) + ", but the file has " +
                          std::to_string(shared_.size())));
        } else {
          value = shared_[index];
        }
      } else if (type_ == "b") {
        value = value_ == "1" ? "TRUE" : "FALSE";
      } else {
        value = std::move(value_);
      }
      inline_value_.clear();
      if (cell_col_ < kMaxColumns) {
        if (static_cast<int>(cells_.size()) <= cell_col_) cells_.resize(cell_col_ + 1);
        cells_[cell_col_] = std::move(value);
      }
    } else if (name == "v" && in_ == In::kValue) {
      in_ = In::kNothing;
    } else if (name == "is" && in_ == In::kInline) {
      inline_value_ = inline_.take();
      in_ = In::kNothing;
    } else if (in_ == In::kInline) {
      inline_.end(name);
    }
  }

  void text(std::string_view s) override {
    if (in_ == In::kValue)
      value_ += s;
    else if (in_ == In::kInline)
      inline_.text(s);
  }

  // "AB12" → column 27 (0-based); letters A-Z, at most XFD (16384 columns).
  static bool columnOf(std::string_view ref, int& col) {
    size_t i = 0;
    int c = 0;
    while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3)
      c = c * 26 + (ref[i++] - 'A' + 1);
    if (i == 0 || c > 16384) return false;
    int row = 0;
    if (i < ref.size() && !parseNumber(ref.substr(i), row)) return false;
    col = c - 1;
    return true;
  }

  const std::vector<std::string>& shared_;
  bool in_row_ = false, in_cell_ = false;
  In in_ = In::kNothing;
  int row_number_ = 0, column_ = 0, cell_col_ = 0;
  std::vector<std::string> cells_;
  std::string type_, value_, inline_value_, cell_ref_;
  RichText inline_;
};

}  // namespace

Result<Table> readXlsx(const std::string& bytes) {
  LINLI_ASSIGN_OR_RETURN(auto archive, zip::Archive::open(bytes));
  SharedStrings shared;
  if (archive.has("xl/sharedStrings.xml")) LINLI_TRY(shared.parse(archive));
  std::string sheet_name = "xl/worksheets/sheet1.xml";
  if (!archive.has(sheet_name)) {
    std::vector<std::string> names = archive.names();
    std::sort(names.begin(), names.end());
    sheet_name.clear();
    for (const auto& name : names)
      if (name.rfind("xl/worksheets/", 0) == 0 && name.find(".xml") != std::string::npos &&
          name.find("_rels") == std::string::npos) {
        sheet_name = name;
        break;
      }
    if (sheet_name.empty()) return invalidArgument("file", "the XLSX file has no worksheet");
  }
  Worksheet sheet(sheet_name, shared.strings);
  LINLI_TRY(sheet.parse(archive));
  auto& rows = sheet.rows;
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
