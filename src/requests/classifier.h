// TextClassifier: suggests labels for Chinese free text — a multinomial naive
// Bayes over character unigrams, bigrams and trigrams (Chinese needs no word
// segmentation for this), with Laplace smoothing; each n-gram counts once per
// text (a complaint that repeats itself says no more). Learns incrementally,
// so a staff correction is one more example. A label's keywords (edited by
// the street) add a fixed boost to its score when the text contains one.
// Written here, trained only on linli's own corpus (corpus.h) and labelled
// requests; no downloaded model. Not thread-safe: the owner guards it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace linli::requests {

class TextClassifier {
 public:
  struct Guess {
    std::string label;
    double confidence = 0;  // posterior probability, 0..1
  };

  // A 1-, 2- or 3-gram of code points, 21 bits each: exact, no two n-grams
  // share one, and counting it needs no string.
  using Feature = uint64_t;

  struct Options {
    // Added to the log score of a label one of whose keywords the text
    // contains (measured on the evaluation set: `linli bench requests`).
    double keyword_boost = 4.0;
  };
  TextClassifier() = default;
  explicit TextClassifier(Options o) : options_(o) {}
  void setOptions(Options o) { options_ = o; }

  void learn(const std::string& text, const std::string& label) { learn(features(text), label); }
  // The same text taught to several classifiers is split once.
  void learn(const std::vector<Feature>& features, const std::string& label);
  // The k likeliest labels, best first; empty before any example.
  std::vector<Guess> guess(const std::string& text, size_t k) const;
  size_t examples() const { return examples_; }
  // Replaces every label's keywords (label → keywords; empty ones ignored).
  void setKeywords(const std::unordered_map<std::string, std::vector<std::string>>& keywords);

  // The features of a text: its CJK/alphanumeric characters (letters lower-cased)
  // as 1-, 2- and 3-grams, in order, repeats kept.
  static std::vector<Feature> features(const std::string& text);
  static Feature feature(std::u32string_view ngram);

 private:
  struct Label {
    size_t docs = 0, tokens = 0;
    std::unordered_map<Feature, int> counts;
  };
  Options options_;
  std::unordered_map<std::string, Label> labels_;
  std::unordered_map<std::string, std::vector<std::string>> keywords_;
  std::unordered_map<Feature, int> vocabulary_;
  size_t examples_ = 0;
};

}  // namespace linli::requests
