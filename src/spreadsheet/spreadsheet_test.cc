#include "spreadsheet/spreadsheet.h"

#include <gtest/gtest.h>
#include <iconv.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "spreadsheet/csv_reader.h"
#include "spreadsheet/zip.h"
#include "testing/sample_files.h"

namespace linli::spreadsheet {
namespace {

TEST(Csv, ReadsQuotedFieldsBomCrlfAndSkipsBlankLines) {
  auto t = readCsv(
      "\xEF\xBB\xBF姓名,身份证号, 备注 \r\n\r\n张三,110105194912310021,\"说 "
      "\"\"你好\"\",再见\"\r\n,,\r\n李四 ,X,\r\n");
  ASSERT_TRUE(t.ok()) << t.status().toString();
  EXPECT_EQ(t->headers, (std::vector<std::string>{"姓名", "身份证号", "备注"}));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0][2], "说 \"你好\",再见");
  EXPECT_EQ(t->row_numbers, (std::vector<int>{3, 5}));
}

TEST(Csv, ReadsGb18030AsChineseExcelSavesIt) {
  // "姓名\n张三\n" in GB18030
  auto t = readCsv("\xD0\xD5\xC3\xFB\n\xD5\xC5\xC8\xFD\n");
  ASSERT_TRUE(t.ok()) << t.status().toString();
  EXPECT_EQ(t->headers[0], "姓名");
  EXPECT_EQ(t->rows[0][0], "张三");
}

TEST(Csv, FullWidthHeadersAreNormalized) {
  auto t = readCsv("门牌号　,单元\n101,1\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->headers[0], "门牌号");
}

using testing::toGb18030;

// Records, quoted line breaks, doubled quotes and multi-byte characters cut by
// the reader's 1 MiB chunk boundary at every offset the padding gives.
TEST(CsvReader, StreamsAcrossChunkBoundariesInUtf8AndGb18030) {
  for (bool gb : {false, true}) {
    for (int pad = 0; pad < 3; ++pad) {
      std::string text = "姓名,备注" + std::string(pad, ' ') + "\n";
      const int rows = 40000;
      for (int i = 0; i < rows; ++i)
        text += "张三" + std::to_string(i) + ",\"说\"\"好\"\"\n再见\"\r\n";
      std::istringstream in(gb ? toGb18030(text) : text);
      CsvReader reader(in);
      std::vector<std::string> cells;
      int line = 0, count = 0;
      ASSERT_TRUE(*reader.next(cells, line));
      EXPECT_EQ(cells[0], "姓名");
      for (;;) {
        auto more = reader.next(cells, line);
        ASSERT_TRUE(more.ok()) << more.status().toString();
        if (!*more) break;
        ASSERT_EQ(cells.size(), 2u);
        ASSERT_EQ(cells[0], "张三" + std::to_string(count)) << "gb " << gb << " pad " << pad;
        ASSERT_EQ(cells[1], "说\"好\"\n再见");
        ASSERT_EQ(line, 2 + 2 * count);
        ++count;
      }
      EXPECT_EQ(count, rows);
    }
  }
}

// Seen in the CSV reader while fuzzing it (fuzz_csv now checks that every cell
// is valid UTF-8): overlong forms, surrogates and code points above
// U+10FFFF passed as UTF-8, and a cell that is not UTF-8 fails every JSON answer
// that carries it. A file marked UTF-8 (BOM) with them is refused; one without
// a BOM is read as GB18030, which always decodes to valid UTF-8.
TEST(Csv, OverlongFormsAndSurrogatesAreNotUtf8) {
  for (const char* bad : {"\xC0\x80", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80"}) {
    auto marked = readCsv(std::string(kUtf8Bom) + "姓名\n" + bad + "\n");
    ASSERT_FALSE(marked.ok()) << "BOM and " << bad;
    EXPECT_EQ(marked.status().field(), "file");
    auto t = readCsv(std::string("name\n") + bad + "x\n");
    if (t.ok()) {
      EXPECT_NO_THROW((void)nlohmann::json(t->rows).dump());
    }
  }
  auto fine = readCsv(std::string(kUtf8Bom) + "姓名\n\xF0\x9F\x98\x80\xEF\xBF\xBD\n");
  ASSERT_TRUE(fine.ok()) << fine.status().toString();
  EXPECT_EQ(fine->rows[0][0], "\xF0\x9F\x98\x80\xEF\xBF\xBD");
}

TEST(CsvReader, RefusesTextInNeitherEncodingAndUnclosedQuotes) {
  std::istringstream bad("a,b\n\xFF\xFF\xFF\n");
  CsvReader r1(bad);
  std::vector<std::string> cells;
  int line = 0;
  bool failed = false;
  for (;;) {
    auto more = r1.next(cells, line);
    if (!more.ok()) {
      failed = true;
      break;
    }
    if (!*more) break;
  }
  EXPECT_TRUE(failed);
  std::istringstream open_quote("a,b\n\"x,y\n");
  CsvReader r2(open_quote);
  ASSERT_TRUE(*r2.next(cells, line));
  EXPECT_FALSE(r2.next(cells, line).ok());
}

TEST(Xlsx, WrittenWorkbooksReadBack) {
  std::string file = writeXlsx({"姓名", "备注"}, {{"王<小>明", "a&b"}, {"", ""}, {"赵六", "=1+1"}});
  EXPECT_EQ(file.rfind("PK\x03\x04", 0), 0u);
  auto t = readAny(file);
  ASSERT_TRUE(t.ok()) << t.status().toString();
  EXPECT_EQ(t->headers, (std::vector<std::string>{"姓名", "备注"}));
  ASSERT_EQ(t->rows.size(), 2u);  // the blank row is dropped
  EXPECT_EQ(t->rows[0][0], "王<小>明");
  EXPECT_EQ(t->rows[0][1], "a&b");
  EXPECT_EQ(t->row_numbers, (std::vector<int>{2, 4}));
}

using testing::centralDirectory;
using testing::kSheetHead;
using testing::kSheetTail;
using testing::xlsxOfParts;
const std::string& kHead = kSheetHead;

void expectRefused(const Result<Table>& t, const std::string& says) {
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(t.status().field(), "file");
  EXPECT_NE(t.status().message().find(says), std::string::npos) << t.status().message();
}

// Issue 13, finding 1: the hand-written reader's bounds check wrapped around
// in 32-bit arithmetic and read far outside the buffer.
TEST(Xlsx, ZipOffsetNear4GiBIsAnErrorNotACrash) {
  for (uint32_t offset : {0xFFFFFFF0u, 0xFFFFFFFFu, 0xFFFFFFE2u})
    expectRefused(readXlsx(testing::xlsxWithLocalOffset(offset)), "not a readable XLSX file");
}

// Finding 2: a cell tag never closed spun forever.
TEST(Xlsx, UnclosedCellTagEnds) {
  expectRefused(readXlsx(xlsxOfParts(testing::kUnclosedCellTag)), "not well-formed XML");
  expectRefused(readXlsx(xlsxOfParts(kHead + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0")),
                "not well-formed XML");
}

// Finding 3: these threw out of std::stoul / std::stoi (a 500).
TEST(Xlsx, MalformedCharRefIs400) {
  expectRefused(readXlsx(xlsxOfParts(testing::kMalformedCharRef)), "not well-formed XML");
  expectRefused(
      readXlsx(xlsxOfParts(kHead + "<row r=\"2\"><c r=\"A2\"><v>&#99999999999;</v></c></row>" +
                           kSheetTail)),
      "not well-formed XML");
}

TEST(Xlsx, NonNumericRowNumberIs400) {
  expectRefused(readXlsx(xlsxOfParts(testing::kRowNumberAbc)), "row number \"abc\"");
  expectRefused(readXlsx(xlsxOfParts(kHead + "<row r=\"99999999999\"></row>" + kSheetTail)),
                "row number");
}

TEST(Xlsx, NonNumericSharedStringIndexIs400) {
  expectRefused(readXlsx(xlsxOfParts(testing::kSharedIndexAbc, testing::kOneSharedString)),
                "cell A2");
  expectRefused(readXlsx(xlsxOfParts(
                    kHead + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>7</v></c></row>" + kSheetTail,
                    testing::kOneSharedString)),
                "shared string 7, but the file has 1");
}

TEST(Xlsx, BadCellReferenceIs400) {
  expectRefused(readXlsx(xlsxOfParts(kHead + "<row r=\"2\"><c r=\"2A\"><v>1</v></c></row>"
                                             "</sheetData></worksheet>")),
                "cell reference \"2A\"");
}

// XXE and billion laughs: no DTD is ever read.
TEST(Xlsx, DoctypeIsRefused) {
  expectRefused(readXlsx(xlsxOfParts(testing::kDoctypeXxe)), "DOCTYPE");
  std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">";
  for (char c = 'b'; c <= 'j'; ++c) {
    std::string ten;
    for (int i = 0; i < 10; ++i) ten += std::string("&") + static_cast<char>(c - 1) + ";";
    laughs += std::string("<!ENTITY ") + c + " \"" + ten + "\">";
  }
  laughs += "]><sst><si><t>&j;</t></si></sst>";
  expectRefused(readXlsx(xlsxOfParts(kHead + "</sheetData></worksheet>", laughs)), "DOCTYPE");
}

TEST(Xlsx, ZipBombIsRefused) {
  const std::string archive = zip::write({{"a.xml", std::string(4 << 20, 'a')}});
  auto a = zip::Archive::open(archive, 1 << 20, 1 << 20);
  ASSERT_TRUE(a.ok()) << a.status().toString();
  auto r = a->read("a.xml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("size limit"), std::string::npos);
  // The total counts every entry read.
  const std::string two =
      zip::write({{"a", std::string(600 << 10, 'a')}, {"b", std::string(600 << 10, 'b')}});
  auto b = zip::Archive::open(two, 1 << 20, 1 << 20);
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(b->read("a").ok());
  EXPECT_FALSE(b->read("b").ok());
}

TEST(Xlsx, EncryptedEntryIsRefused) {
  std::string file = xlsxOfParts(kHead + "</sheetData></worksheet>");  // one entry: the sheet
  const size_t dir = centralDirectory(file);
  // General-purpose bit 0 (traditional PKWARE encryption), in the central and local headers.
  file[dir + 8] |= 1;
  file[testing::get32(file, dir + 42) + 6] |= 1;
  auto t = readXlsx(file);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), Code::kInvalidArgument);
}

TEST(Xlsx, ReadsSharedRichPhoneticBooleanAndNumberCells) {
  const std::string shared =
      "<x:sst xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<x:si><x:t>姓名</x:t></x:si><x:si/><x:si><x:r><x:t>王</x:t></x:r><x:r><x:rPr/>"
      "<x:t xml:space=\"preserve\">小 明</x:t></x:r><x:rPh><x:t>おう</x:t></x:rPh></x:si>"
      "<x:si><x:t>a&amp;b&#x5F20;</x:t></x:si></x:sst>";
  const std::string sheet =
      "<worksheet><sheetData><row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c><c r=\"C3\" "
      "t=\"inlineStr\"><is><t>备注</t></is></c></row><row r=\"4\"/><row r=\"5\"><c r=\"A5\" "
      "t=\"s\"><v>2</v></c><c t=\"b\"><v>1</v></c><c r=\"C5\"><f>1+1</f><v>2.50</v></c>"
      "</row><row><c r=\"A6\" t=\"s\"><v>3</v></c><c r=\"B6\" t=\"s\"><v>1</v></c></row>"
      "</sheetData></worksheet>";
  auto t = readXlsx(xlsxOfParts(sheet, shared));
  ASSERT_TRUE(t.ok()) << t.status().toString();
  EXPECT_EQ(t->headers, (std::vector<std::string>{"姓名", "", "备注"}));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0], (std::vector<std::string>{"王小 明", "TRUE", "2.50"}));
  EXPECT_EQ(t->rows[1], (std::vector<std::string>{"a&b张", "", ""}));
  EXPECT_EQ(t->row_numbers, (std::vector<int>{3, 4}));
}

TEST(Xlsx, RefusesDamagedFilesClearly) {
  auto t = readXlsx("PK\x03\x04 this is not a zip file at all..........");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().field(), "file");
}

TEST(CsvWriter, KeepsFormulasAsText) {
  std::string out = writeCsv({"a"}, {{"=HYPERLINK(\"x\")"}});
  EXPECT_NE(out.find("'=HYPERLINK"), std::string::npos);
}

}  // namespace
}  // namespace linli::spreadsheet
