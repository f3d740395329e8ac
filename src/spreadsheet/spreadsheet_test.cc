#include "spreadsheet/spreadsheet.h"

#include <gtest/gtest.h>
#include <iconv.h>

#include <sstream>

#include "spreadsheet/csv_reader.h"

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

std::string toGb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string out(utf8.size() * 2, '\0');
  char* src = const_cast<char*>(utf8.data());
  size_t src_left = utf8.size(), dst_left = out.size();
  char* dst = out.data();
  iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

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
