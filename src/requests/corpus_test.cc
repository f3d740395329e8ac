// The shipped corpus: it parses, covers every leaf category, and the
// evaluation set never leaks into what the classifier trains on.
#include "requests/corpus.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "demo/request_texts.h"
#include "requests/classifier.h"

namespace linli::requests {
namespace {

const std::set<std::string> kLeaves = {"SR-LJ", "SR-QT", "SR-GK", "SR-LH", "XC-XG", "XC-HW",
                                       "SG-ZY", "SG-WZ", "JM-ZD", "JM-TC", "TF-SS", "TF-DT",
                                       "QT",    "SQ-FL", "SQ-XL", "SQ-WX", "SQ-YL", "SQ-LL",
                                       "SQ-ZS", "SQ-DT", "SQ-CW", "SQ-WY"};

// The classifier sees text through its n-grams: what it cannot tell apart
// (punctuation, spaces) must not tell apart a training and an evaluation line.
std::string letters(const std::string& text) {
  std::string out;
  for (auto f : TextClassifier::features(text)) out += std::to_string(f) + ",";
  return out;
}

TEST(Corpus, ParsesLinesAndNamesTheBadOne) {
  auto ok = parseCorpus("# comment\n\nSQ-ZS\t楼上好吵\r\nSR-LJ\t垃圾没人收\n");
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok->size(), 2u);
  EXPECT_EQ((*ok)[0].category, "SQ-ZS");
  EXPECT_EQ((*ok)[0].text, "楼上好吵");
  auto bad = parseCorpus("SQ-ZS\t楼上好吵\nno tab here\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "corpus");
  EXPECT_NE(bad.status().message().find("line 2"), std::string::npos);
  EXPECT_FALSE(parseCorpus("SQ-ZS\t\n").ok());
}

TEST(Corpus, TheShippedFilesParseAndCoverEveryLeafCategory) {
  ASSERT_TRUE(parseCorpus(corpus_data::trainTsv()).ok());
  ASSERT_TRUE(parseCorpus(corpus_data::evalTsv()).ok());
  std::map<std::string, size_t> train, eval;
  for (const auto& l : seedSentences()) ++train[l.category];
  for (const auto& l : evaluationSet()) ++eval[l.category];
  for (const auto& [c, n] : train) EXPECT_TRUE(kLeaves.count(c)) << "unknown category " << c;
  for (const auto& [c, n] : eval) EXPECT_TRUE(kLeaves.count(c)) << "unknown category " << c;
  for (const auto& c : kLeaves) {
    EXPECT_GE(train[c], 50u) << c << " has few training sentences";
    EXPECT_GE(eval[c], 15u) << c << " has few evaluation sentences";
  }
  EXPECT_GE(evaluationSet().size(), 400u);
}

TEST(Corpus, NoEvaluationSentenceIsInTheTrainingCorpusOrTheDemoTexts) {
  std::set<std::string> trained;
  for (const auto& l : trainingCorpus()) trained.insert(letters(l.text));
  for (const auto& t : demo::requestTexts(5000)) trained.insert(letters(t.text));
  std::set<std::string> seen;
  for (const auto& l : evaluationSet()) {
    EXPECT_FALSE(trained.count(letters(l.text))) << "trained on: " << l.text;
    EXPECT_TRUE(seen.insert(letters(l.text)).second) << "twice in the evaluation set: " << l.text;
  }
}

TEST(Corpus, TrainingVariantsAreDeterministicAndKeepTheirCategory) {
  const auto a = trainingCorpus(3), b = trainingCorpus(3);
  ASSERT_EQ(a.size(), seedSentences().size() * 4);
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].text, b[i].text);
    EXPECT_EQ(a[i].category, seedSentences()[i / 4].category);
  }
}

}  // namespace
}  // namespace linli::requests
