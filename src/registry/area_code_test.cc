#include "registry/area_code.h"

#include <gtest/gtest.h>

namespace linli::registry {
namespace {

TEST(AreaCode, AStreetCodeHasProvinceCityCountyAndTownshipAndEndsIn000) {
  EXPECT_TRUE(checkStreetCode("330106001000").ok());  // 杭州 西湖区 某街道
  EXPECT_TRUE(checkStreetCode("110101001000", "110101").ok());
  for (const char* bad :
       {"33010600100", "3301060010000", "33010600100a", "990106001000", "000106001000",
        "330006001000", "330100001000", "330106000000", "330106001001", ""}) {
    Status st = checkStreetCode(bad);
    EXPECT_EQ(st.code(), Code::kInvalidArgument) << bad;
    EXPECT_EQ(st.field(), "code") << bad;
  }
}

TEST(AreaCode, TheStreetCodeGivenAtSetupFixesTheCounty) {
  EXPECT_TRUE(checkStreetCode("330106002000", "330106").ok());
  Status st = checkStreetCode("330105002000", "330106", "street_code");
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_EQ(st.field(), "street_code");
  EXPECT_NE(st.message().find("330106"), std::string::npos) << st.message();
}

TEST(AreaCode, ACommunityCodeBeginsWithItsStreetsNineDigits) {
  EXPECT_TRUE(checkCommunityCode("330106001001", "330106001000").ok());
  EXPECT_TRUE(checkCommunityCode("330106001213", "330106001000").ok());
  EXPECT_EQ(checkCommunityCode("330106001000", "330106001000").code(), Code::kInvalidArgument);
  Status other_street = checkCommunityCode("330106002001", "330106001000");
  EXPECT_EQ(other_street.code(), Code::kInvalidArgument);
  EXPECT_NE(other_street.message().find("330106001"), std::string::npos);
  EXPECT_EQ(checkCommunityCode("330106001O01", "330106001000").code(), Code::kInvalidArgument);
  EXPECT_EQ(checkCommunityCode("990106001001", "990106001000").code(), Code::kInvalidArgument);
}

TEST(AreaCode, AGridCodeIsShortPlainText) {
  EXPECT_TRUE(checkGridCode("330106001001-1").ok());
  EXPECT_TRUE(checkGridCode("A07").ok());
  EXPECT_EQ(checkGridCode("").code(), Code::kInvalidArgument);
  EXPECT_EQ(checkGridCode(std::string(33, '1')).code(), Code::kInvalidArgument);
  EXPECT_EQ(checkGridCode("第一网格").code(), Code::kInvalidArgument);
  EXPECT_EQ(checkGridCode("1 2").code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace linli::registry
