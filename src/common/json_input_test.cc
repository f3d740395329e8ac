#include "common/json_input.h"

#include <gtest/gtest.h>

namespace linli::json_input {
namespace {

TEST(JsonInput, MissingFieldNamesTheField) {
  auto r = requiredString(json::object(), "username", 1, 10);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "username");
}

TEST(JsonInput, WrongTypeNamesTheField) {
  auto r = requiredString({{"username", 42}}, "username", 1, 10);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "username");
  EXPECT_NE(r.status().message().find("string"), std::string::npos);
}

TEST(JsonInput, TrimsAndCountsCodePoints) {
  auto r = requiredString({{"name", "  王网格  "}}, "name", 1, 3);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "王网格");
  EXPECT_FALSE(requiredString({{"name", "王网格员"}}, "name", 1, 3).ok());
  EXPECT_FALSE(requiredString({{"name", "   "}}, "name", 1, 3).ok());
}

TEST(JsonInput, RejectsControlCharacters) {
  EXPECT_FALSE(requiredString({{"name",
                                "a\x01"
                                "b"}},
                              "name", 1, 10)
                   .ok());
}

TEST(JsonInput, SecretsAreNotTrimmed) {
  auto r = requiredSecret({{"password", " pass word "}}, "password", 64);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, " pass word ");
}

TEST(JsonInput, IdsAsStringsOrIntegers) {
  EXPECT_EQ(*requiredId({{"id", "12"}}, "id"), 12);
  EXPECT_EQ(*requiredId({{"id", 12}}, "id"), 12);
  EXPECT_FALSE(requiredId({{"id", "12a"}}, "id").ok());
  EXPECT_FALSE(requiredId({{"id", -1}}, "id").ok());
  EXPECT_FALSE(requiredId({{"id", true}}, "id").ok());
}

TEST(JsonInput, OptionalBool) {
  EXPECT_FALSE(optionalBool(json::object(), "disabled")->has_value());
  EXPECT_TRUE(**optionalBool({{"disabled", true}}, "disabled"));
  EXPECT_EQ(optionalBool({{"disabled", "yes"}}, "disabled").status().field(), "disabled");
}

}  // namespace
}  // namespace linli::json_input
