#include "requests/classifier.h"

#include <gtest/gtest.h>

namespace linli::requests {
namespace {

TEST(TextClassifier, CharacterNgramsOfChineseTextIgnorePunctuation) {
  auto ngrams = [](std::initializer_list<std::u32string_view> grams) {
    std::vector<TextClassifier::Feature> out;
    for (auto g : grams) out.push_back(TextClassifier::feature(g));
    return out;
  };
  EXPECT_EQ(TextClassifier::features("噪音，扰民!"),
            ngrams({U"噪", U"噪音", U"音", U"扰", U"扰民", U"民"}));
  EXPECT_EQ(TextClassifier::features("Ab1"), ngrams({U"a", U"ab", U"ab1", U"b", U"b1", U"1"}));
  // Packed exactly: n-grams that differ never share a feature.
  EXPECT_NE(TextClassifier::feature(U"噪音"), TextClassifier::feature(U"音噪"));
  EXPECT_NE(TextClassifier::feature(U"a"), TextClassifier::feature(U"aa"));
}

TEST(TextClassifier, LearnsFromExamplesAndFromCorrections) {
  TextClassifier c;
  EXPECT_TRUE(c.guess("楼上装修噪音很大", 3).empty());
  c.learn("楼上装修噪音很大，晚上睡不着", "SQ-ZS");
  c.learn("广场舞音响声音太吵", "SQ-ZS");
  c.learn("小区门口垃圾堆了好几天没人清运", "SR-LJ");
  c.learn("垃圾桶满了，臭气熏天", "SR-LJ");
  c.learn("电梯坏了，老人下不了楼", "SQ-DT");
  auto g = c.guess("晚上楼上声音太吵了", 3);
  ASSERT_EQ(g.size(), 3u);
  EXPECT_EQ(g[0].label, "SQ-ZS");
  EXPECT_GT(g[0].confidence, g[1].confidence);
  double sum = 0;
  for (const auto& x : c.guess("晚上楼上声音太吵了", 10)) sum += x.confidence;
  EXPECT_NEAR(sum, 1.0, 1e-9);
  EXPECT_EQ(c.guess("垃圾没人管", 1)[0].label, "SR-LJ");
  // A new kind of complaint is unknown until a correction teaches it.
  EXPECT_NE(c.guess("狗在楼道里大小便", 1)[0].label, "SQ-CW");
  c.learn("邻居家的狗在楼道大小便", "SQ-CW");
  EXPECT_EQ(c.guess("狗在楼道里大小便", 1)[0].label, "SQ-CW");
}

TEST(TextClassifier, AKeywordLeansTheGuessTowardsItsLabel) {
  TextClassifier c;
  c.learn("楼上装修噪音很大", "SQ-ZS");
  c.learn("小区门口垃圾没人收", "SR-LJ");
  c.learn("电梯里贴小广告", "XC-XG");
  // 牛皮癣 (flyers, in street slang) was never learned.
  EXPECT_NE(c.guess("门上全是牛皮癣", 1)[0].label, "XC-XG");
  c.setKeywords({{"XC-XG", {"牛皮癣"}}});
  EXPECT_EQ(c.guess("门上全是牛皮癣", 1)[0].label, "XC-XG");
  c.setKeywords({});
  EXPECT_NE(c.guess("门上全是牛皮癣", 1)[0].label, "XC-XG");
}

}  // namespace
}  // namespace linli::requests
