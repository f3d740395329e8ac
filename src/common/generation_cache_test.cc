#include "common/generation_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace linli {
namespace {

TEST(GenerationCache, KeepsAValidTokenForItsTtl) {
  GenerationCache<std::string, int> cache(1000, 10);
  cache.put("h", 7, cache.generation(), 100);
  EXPECT_EQ(cache.find("h", 100), 7);
  EXPECT_EQ(cache.find("h", 1099), 7);
  EXPECT_FALSE(cache.find("h", 1100));
  EXPECT_FALSE(cache.find("h", 50)) << "a clock that went back does not extend an entry";
  EXPECT_FALSE(cache.find("other", 100));
}

TEST(GenerationCache, AChangeDropsEveryEntry) {
  GenerationCache<std::string, int> cache(1000, 10);
  cache.put("a", 1, cache.generation(), 0);
  cache.put("b", 2, cache.generation(), 0);
  cache.invalidate();
  EXPECT_FALSE(cache.find("a", 1));
  EXPECT_FALSE(cache.find("b", 1));
}

TEST(GenerationCache, ALookUpThatRacedWithAChangeIsNotKept) {
  GenerationCache<std::string, int> cache(1000, 10);
  const uint64_t before = cache.generation();
  cache.invalidate();  // the source changed during the look-up
  cache.put("a", 1, before, 0);
  EXPECT_FALSE(cache.find("a", 1));
  cache.put("a", 1, cache.generation(), 0);
  EXPECT_EQ(cache.find("a", 1), 1);
}

TEST(GenerationCache, StartsOverWhenFull) {
  GenerationCache<std::string, int> cache(1000, 2);
  cache.put("a", 1, cache.generation(), 0);
  cache.put("b", 2, cache.generation(), 0);
  cache.put("c", 3, cache.generation(), 0);
  EXPECT_FALSE(cache.find("a", 1));
  EXPECT_EQ(cache.find("c", 1), 3);
}

}  // namespace
}  // namespace linli
