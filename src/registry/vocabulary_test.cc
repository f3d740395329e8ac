#include "registry/vocabulary.h"

#include <gtest/gtest.h>

namespace linli::registry {
namespace {

TEST(Vocabulary, SplitItemsOnChineseAndAsciiSeparators) {
  EXPECT_EQ(splitItems("高龄、低保，独居；党员／残疾"),
            (std::vector<std::string>{"高龄", "低保", "独居", "党员", "残疾"}));
  EXPECT_EQ(splitItems(" 高龄 , 低保;独居|党员/ "),
            (std::vector<std::string>{"高龄", "低保", "独居", "党员"}));
  EXPECT_EQ(splitItems("、、"), std::vector<std::string>{});
  EXPECT_EQ(splitItems("独居"), std::vector<std::string>{"独居"});
}

}  // namespace
}  // namespace linli::registry
