#include "crypto/keys.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "testing/temp_dir.h"

namespace linli::crypto {
namespace {

TEST(Keys, KeyFileIsCreatedPrivateAndReused) {
  ASSERT_TRUE(initialize().ok());
  testing::TempDir dir;
  std::string path = dir.path() + "/secret.key";
  auto a = Keys::loadOrCreate(path);
  ASSERT_TRUE(a.ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  auto b = Keys::loadOrCreate(path);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->keyedHash("id", "330106198701010011"), b->keyedHash("id", "330106198701010011"));
  EXPECT_NE(a->keyedHash("id", "x"), a->keyedHash("phone", "x"));
}

TEST(Keys, RefusesAKeyFileOthersCanRead) {
  ASSERT_TRUE(initialize().ok());
  testing::TempDir dir;
  std::string path = dir.path() + "/secret.key";
  ASSERT_TRUE(Keys::loadOrCreate(path).ok());
  ::chmod(path.c_str(), 0644);
  EXPECT_EQ(Keys::loadOrCreate(path).status().code(), Code::kFailedPrecondition);
}

TEST(Keys, SealOpensOnlyWithTheSameKeyAndPurpose) {
  ASSERT_TRUE(initialize().ok());
  std::array<unsigned char, 32> m1{}, m2{};
  m2[0] = 1;
  Keys k1 = Keys::fromBytes(m1), k2 = Keys::fromBytes(m2);
  std::string sealed = k1.seal("resident.id_number", "33010619870101001X");
  EXPECT_EQ(sealed.find("3301"), std::string::npos);
  EXPECT_NE(sealed, k1.seal("resident.id_number", "33010619870101001X"));  // random nonce
  EXPECT_EQ(*k1.open("resident.id_number", sealed), "33010619870101001X");
  EXPECT_FALSE(k2.open("resident.id_number", sealed).ok());
  EXPECT_FALSE(k1.open("resident.phone", sealed).ok());
  sealed[sealed.size() / 2] = sealed[sealed.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(k1.open("resident.id_number", sealed).ok());
}

}  // namespace
}  // namespace linli::crypto
