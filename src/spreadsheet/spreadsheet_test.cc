#include "spreadsheet/spreadsheet.h"

#include <gtest/gtest.h>

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
