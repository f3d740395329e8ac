#include "requests/classifier.h"

#include <gtest/gtest.h>

namespace linli::requests {
namespace {

TEST(TextClassifier, CharacterNgramsOfChineseTextIgnorePunctuation) {
  auto f = TextClassifier::features("噪音，扰民!");
  EXPECT_EQ(f, (std::vector<std::string>{"噪", "噪音", "音", "扰", "扰民", "民"}));
  EXPECT_EQ(TextClassifier::features("Ab1"),
            (std::vector<std::string>{"a", "ab", "ab1", "b", "b1", "1"}));
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

}  // namespace
}  // namespace linli::requests
