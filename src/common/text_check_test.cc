#include "common/text_check.h"

#include <gtest/gtest.h>

namespace linli {
namespace {

TEST(TextCheck, ValidUtf8AcceptsChineseAndRefusesBrokenSequences) {
  EXPECT_TRUE(isValidUtf8("楼道灯坏了 light"));
  EXPECT_TRUE(isValidUtf8("\xF0\x9F\x98\x80"));   // an emoji
  EXPECT_FALSE(isValidUtf8("\xC3"));              // cut short
  EXPECT_FALSE(isValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(isValidUtf8("\xFF"));
}

TEST(TextCheck, FreeTextLosesBidiControlsAndRefusesNulAndInvalidUtf8) {
  auto cleaned = cleanFreeText("门\u202Egnp.exe\u202C口\n第二行", "description");
  ASSERT_TRUE(cleaned.ok());
  EXPECT_EQ(*cleaned, "门gnp.exe口\n第二行");
  auto nul = cleanFreeText(std::string("a\0b", 3), "description");
  ASSERT_FALSE(nul.ok());
  EXPECT_EQ(nul.status().field(), "description");
  EXPECT_FALSE(cleanFreeText("\xC3(", "description").ok());
  EXPECT_FALSE(cleanFreeText("\x1B[31m", "description").ok());
}

TEST(TextCheck, NamesRefuseBidiControlsAndLineBreaks) {
  EXPECT_TRUE(checkName("张三", "name").ok());
  EXPECT_EQ(checkName("张\u202E三", "name").field(), "name");
  EXPECT_FALSE(checkName("张\u2066三", "name").ok());
  EXPECT_FALSE(checkName("张\n三", "name").ok());
  EXPECT_FALSE(checkName("\xE5\xBC", "name").ok());
}

}  // namespace
}  // namespace linli
