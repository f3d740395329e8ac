#include "common/text_normalize.h"

#include <gtest/gtest.h>

namespace linli {
namespace {

TEST(TextNormalize, FullWidthDigitsAndLettersBecomeAscii) {
  EXPECT_EQ(halfWidth("１３８００１３８０００"), "13800138000");
  EXPECT_EQ(halfWidth("１１０１０５１９４９１２３１００２Ｘ"), "11010519491231002X");
  EXPECT_EQ(halfWidth("王　小明"), "王 小明");
  EXPECT_EQ(halfWidth("３号楼－２单元"), "3号楼-2单元");
}

TEST(TextNormalize, TrimsAllKindsOfSpace) {
  EXPECT_EQ(normalizedInput("\xC2\xA0 张三　\t"), "张三");
  EXPECT_EQ(normalizedInput("   "), "");
}

}  // namespace
}  // namespace linli
