#include "common/messages.h"

#include <gtest/gtest.h>

#include "common/civil_date.h"
#include "common/id_number.h"

namespace linli {
namespace {

TEST(Messages, EveryLocaleHasTheSameKeys) {
  auto zh = messageKeys("zh-CN"), en = messageKeys("en");
  EXPECT_GT(zh.size(), 20u);
  EXPECT_EQ(zh, en);
}

TEST(Messages, ParametersAreFilledAndUnknownLocalesFallBackToChinese) {
  EXPECT_EQ(renderMessage("id_number.length", {{"length", "17"}}, "zh-CN"),
            "身份证号应为 18 位（旧证 15 位），这个是 17 位");
  EXPECT_EQ(renderMessage("id_number.length", {{"length", "17"}}, "en"),
            "an ID number has 18 characters (or 15 for old cards), this one has 17");
  EXPECT_EQ(renderMessage("id_number.check", {}, "fr"), "身份证号校验位不对：是否有数字输错？");
  EXPECT_EQ(renderMessage("no.such.key", {}, "en"), "no.such.key");
}

// Regression (issue 14): a zh-CN worker read "the check character of the ID number is wrong".
TEST(Messages, AnIdNumberProblemCarriesAKeyTheCatalogKnows) {
  auto bad = parseIdNumber("110101199003070013", CivilDate{2026, 12, 1});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().key(), "id_number.check");
  EXPECT_NE(renderMessage(bad.status().key(), bad.status().params(), "zh-CN"), bad.status().key());
}

}  // namespace
}  // namespace linli
