#include "auth/password_policy.h"

#include <gtest/gtest.h>

namespace linli::auth {
namespace {

TEST(PasswordPolicy, RefusesShortSimpleCommonAndUsernamePasswords) {
  for (const char* bad : {"aaaaaaaa", "aaaaaaaaaa", "Short-9", "ababababab", "1234567890",
                          "QWERTYUIOP", "password123", "woaini1314"})
    EXPECT_EQ(checkPassword(bad, "someone").field(), "password") << bad;
  EXPECT_FALSE(checkPassword("my-Grid.Worker-pw", "grid.worker").ok());
  EXPECT_FALSE(checkPassword(std::string(129, 'x') + "abcd", "u").ok());
  EXPECT_TRUE(checkPassword("Correct-Horse-7", "grid.worker").ok());
  EXPECT_TRUE(checkPassword("长城长城长城长城A1b", "someone").ok());  // counted in characters
  EXPECT_TRUE(checkPassword("Linli@2026", "street_admin").ok());      // the demo password
}

TEST(PasswordPolicy, CommonListIgnoresCase) {
  EXPECT_TRUE(isCommonPassword("PASSWORD"));
  EXPECT_TRUE(isCommonPassword("1q2w3e4r5t"));
  EXPECT_FALSE(isCommonPassword("Correct-Horse-7"));
}

}  // namespace
}  // namespace linli::auth
