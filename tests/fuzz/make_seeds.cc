// Writes the seed corpora of tests/fuzz/<target>/ (run from the repository
// root: build-fuzz/make_seeds tests/fuzz). Seeds are real samples: workbooks
// written by writeXlsx, the crafted files of issue 13, CSV in UTF-8 and
// GB18030, real JPEG/PNG/WebP headers, request bodies as clients send them.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "spreadsheet/spreadsheet.h"
#include "spreadsheet/zip.h"
#include "testing/sample_files.h"

namespace fs = std::filesystem;
using linli::spreadsheet::writeXlsx;

namespace {

fs::path root;

void put(const std::string& target, const std::string& name, const std::string& bytes) {
  fs::create_directories(root / target);
  std::ofstream(root / target / name, std::ios::binary) << bytes;
}

using linli::testing::toGb18030;
using linli::testing::xlsxOfParts;

// fuzz_csv reads its first byte as the streaming reader's chunk size.
void putCsv(const std::string& name, const std::string& text) { put("csv", name, "\x07" + text); }

void spreadsheets() {
  const std::string small = writeXlsx(
      {"姓名", "身份证号", "备注"},
      {{"张三", "110105194912310021", "a&b <c>"}, {"", "", ""}, {"李四", "=1+1", "说 \"你好\""}});
  const std::string one = writeXlsx({"a"}, {{"1"}});
  const std::string far = linli::testing::xlsxWithLocalOffset(0xFFFFFFF0u);
  const std::string shared =
      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>姓名</t>"
      "</si><si/><si><r><t>王</t></r><r><rPr/><t xml:space=\"preserve\">小 明</t></r><rPh><t>"
      "おう</t></rPh></si><si><t>a&amp;b&#x5F20;</t></si></sst>";
  const std::string sheet =
      "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" "
      "t=\"inlineStr\"><is><t>备注</t></is></c></row><row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v>"
      "</c><c t=\"b\"><v>1</v></c><c r=\"C3\"><f>1+1</f><v>2.50</v></c></row><row><c r=\"A4\" "
      "t=\"s\"><v>3</v></c></row></sheetData></worksheet>";
  const std::string rich = xlsxOfParts(sheet, shared);
  for (const char* t : {"zip", "xlsx"}) {
    put(t, "written-by-writeXlsx.xlsx", small);
    put(t, "one-cell.xlsx", one);
    put(t, "shared-strings-rich-text.xlsx", rich);
    put(t, "crash-issue13-local-offset-near-4GiB.xlsx", far);
    put(t, "empty-archive.zip", std::string("PK\x05\x06", 4) + std::string(18, '\0'));
  }
  namespace t = linli::testing;
  const std::pair<const char*, std::string> crafted[] = {
      {"crash-issue13-unclosed-cell-tag", xlsxOfParts(t::kUnclosedCellTag)},
      {"crash-issue13-malformed-char-ref", xlsxOfParts(t::kMalformedCharRef)},
      {"crash-issue13-row-number-abc", xlsxOfParts(t::kRowNumberAbc)},
      {"crash-issue13-shared-index-abc", xlsxOfParts(t::kSharedIndexAbc, t::kOneSharedString)},
      {"doctype-xxe", xlsxOfParts(t::kDoctypeXxe)}};
  for (const auto& [name, bytes] : crafted) put("xlsx", std::string(name) + ".xlsx", bytes);
  // xlsx_xml: worksheet XML, NUL, sharedStrings.xml.
  put("xlsx_xml", "shared-rich-inline-bool-number", sheet + std::string(1, '\0') + shared);
  put("xlsx_xml", "prefixed-namespace",
      "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>a</x:t></x:is></x:c>"
      "<x:c r=\"XFD1\"><x:v>1</x:v></x:c></x:row><x:row r=\"2\"/></x:sheetData></x:worksheet>");
  put("xlsx_xml", "crash-issue13-unclosed-cell-tag", t::kUnclosedCellTag);
  put("xlsx_xml", "crash-issue13-malformed-char-ref", t::kMalformedCharRef);
  put("xlsx_xml", "crash-issue13-row-number-abc", t::kRowNumberAbc);
  put("xlsx_xml", "crash-issue13-shared-index-abc",
      t::kSharedIndexAbc + std::string(1, '\0') + t::kOneSharedString);
  put("xlsx_xml", "latin1-declared",
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><worksheet><sheetData><row><c "
      "t=\"inlineStr\"><is><t>\xe9</t></is></c></row></sheetData></worksheet>");

  const std::string text =
      "姓名,身份证号, 备注 \r\n\r\n张三,110105194912310021,\"说 \"\"你好\"\",再见\"\r\n,,\r\n"
      "李四 ,X,\"多\n行\"\r\n王五,,=1+1\n";
  putCsv("utf8-bom-quotes-crlf.csv", linli::spreadsheet::kUtf8Bom + text);
  putCsv("utf8-no-bom.csv", text);
  putCsv("gb18030.csv", toGb18030(text));
  putCsv("gb18030-four-byte.csv", toGb18030("姓名,备注\n㐀𠀀,€\n"));
  putCsv("unclosed-quote.csv", "a,b\n\"x,y\n");
  putCsv("neither-encoding.csv", "a,b\n\xFF\xFF\xFF\n");
  putCsv("bom-then-surrogate.csv", std::string(linli::spreadsheet::kUtf8Bom) + "a\n\xED\xA0\x80\n");
  putCsv("written-by-writeCsv.csv",
         linli::spreadsheet::writeCsv({"门牌号　", "单元"}, {{"101", "1"}, {"@x", "+y"}}));
}

void photos() {
  // The first byte picks the declared type: 0 none, 1 jpeg, 2 png, 3 webp, 4 octet-stream.
  const std::string& png = linli::testing::kPng;
  const std::string& webp = linli::testing::kWebp;
  const std::string jpeg = linli::testing::jpegWithMetadata();
  put("photo", "jpeg-exif-orientation", std::string(1, '\1') + jpeg);
  put("photo", "jpeg-undeclared", std::string(1, '\0') + jpeg);
  put("photo", "png-1x1", std::string(1, '\2') + png);
  put("photo", "png-as-jpeg", std::string(1, '\1') + png);
  put("photo", "webp-1x1", std::string(1, '\3') + webp);
  put("photo", "truncated-jpeg", std::string(1, '\4') + jpeg.substr(0, 40));
  put("photo", "webp-as-octet-stream", std::string(1, '\4') + webp);
}

void requestInputs() {
  put("json_input", "fields.json",
      R"({"a":" 张三 ","b":true,"name":"x","scope":{"kind":"grid"},"ids":["1","2"],"n":12})");
  put("json_input", "ids.json", R"({"a":"12","b":12,"n":1.5,"ids":[" a ",""],"name":null})");
  put("json_input", "deep.json", "{\"a\":[[[[[[[[{}]]]]]]]]}");
  put("json_input", "not-object.json", "[1,2,3]");
  put("json_input", "bad-utf8.json", "{\"a\":\"\xc3\x28\",\"b\":\"\\u0000\\ud800\"}");
  put("open311_form", "filing",
      std::string(1, '\1') +
          "api_key=abc&service_code=road&description=%E8%B7%AF%E7%81%AF%E5%9D%8F%E4%BA%86&lat=31.2"
          "&long=121.4&first_name=San&last_name=Zhang&phone=13900000000?jurisdiction_id=linli");
  put("open311_form", "filing-address",
      std::string(1, '\1') + "service_code=x&description=a+b&address_id=12&address_string=1%2B1");
  put("open311_form", "search",
      std::string(1, '\0') +
          "?service_request_id=1,2,3&status=open&start_date=2026-11-01T00:00:00%2B08:00"
          "&end_date=2026-12-01T00:00:00Z&service_code=road");
  put("open311_form", "bad-escapes", std::string(1, '\1') + "description=%zz&lat=nan&long=1e999");
  put("id_number", "valid-18", "11010519491231002X");
  put("id_number", "valid-18-lower-x", " 11010519491231002x ");
  put("id_number", "valid-15", "110105491231002");
  put("id_number", "wrong-check", "110105194912310021");
  put("id_number", "future-date", "110105209912310021");
  put("filter_json", "all-keys.json",
      R"({"age_min":60,"age_max":120,"on":"2026-12-02","sex":"female","tags_any":["living_alone"],)"
      R"("tags_all":["advanced_age"],"tags_none":["veteran"],"residence_status":"resident",)"
      R"("community_id":"1","grid_id":"2","building_id":"3","household_size_min":1,)"
      R"("household_size_max":5,"living_alone":true,"skills_any":["电工"],"text":"王","status":"living"})");
  put("filter_json", "empty.json", "{}");
  put("filter_json", "unknown-key.json", R"({"x":1})");
  put("filter_json", "wrong-types.json", R"({"age_min":"60","tags_any":"a","grid_id":-1})");
}

}  // namespace

int main(int argc, char** argv) {
  root = argc > 1 ? argv[1] : "tests/fuzz";
  spreadsheets();
  photos();
  requestInputs();
  return 0;
}
