#include "requests/classifier.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_set>

namespace linli::requests {

namespace {

// Splits UTF-8 into code points, keeping letters, digits and CJK; the rest
// (punctuation, spaces, emoji) separates runs.
std::vector<std::u32string> runs(const std::string& text) {
  std::vector<std::u32string> out(1);
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t n = c < 0x80             ? 1
               : (c & 0xE0) == 0xC0 ? 2
               : (c & 0xF0) == 0xE0 ? 3
               : (c & 0xF8) == 0xF0 ? 4
                                    : 1;
    char32_t cp = 0;
    bool keep = false;
    if (n == 1) {
      keep = std::isalnum(c) != 0;
      cp = static_cast<char32_t>(std::tolower(c));
    } else if (n == 3 && i + 2 < text.size()) {
      // U+4E00–U+9FFF (CJK unified ideographs) start with E4–E9.
      keep = c >= 0xE4 && c <= 0xE9;
      cp = (static_cast<char32_t>(c & 0x0F) << 12) |
           (static_cast<char32_t>(static_cast<unsigned char>(text[i + 1]) & 0x3F) << 6) |
           (static_cast<char32_t>(static_cast<unsigned char>(text[i + 2]) & 0x3F));
    }
    i += n;
    if (keep)
      out.back().push_back(cp);
    else if (!out.back().empty())
      out.emplace_back();
  }
  return out;
}

}  // namespace

TextClassifier::Feature TextClassifier::feature(std::u32string_view ngram) {
  Feature f = 0;
  for (size_t i = 0; i < ngram.size() && i < 3; ++i)
    f |= static_cast<Feature>(ngram[i] & 0x1FFFFF) << (21 * i);
  return f;
}

std::vector<TextClassifier::Feature> TextClassifier::features(const std::string& text) {
  std::vector<Feature> f;
  for (const auto& run : runs(text)) {
    const std::u32string_view r(run);
    for (size_t i = 0; i < r.size(); ++i) {
      f.push_back(feature(r.substr(i, 1)));
      if (i + 1 < r.size()) f.push_back(feature(r.substr(i, 2)));
      if (i + 2 < r.size()) f.push_back(feature(r.substr(i, 3)));
    }
  }
  return f;
}

namespace {
std::vector<TextClassifier::Feature> distinct(std::vector<TextClassifier::Feature> fs) {
  std::sort(fs.begin(), fs.end());
  fs.erase(std::unique(fs.begin(), fs.end()), fs.end());
  return fs;
}
}  // namespace

void TextClassifier::setKeywords(
    const std::unordered_map<std::string, std::vector<std::string>>& keywords) {
  keywords_.clear();
  for (const auto& [label, words] : keywords)
    for (const auto& w : words)
      if (!w.empty()) keywords_[label].push_back(w);
}

void TextClassifier::learn(const std::vector<Feature>& features, const std::string& label) {
  Label& l = labels_[label];
  ++l.docs;
  ++examples_;
  for (const Feature f : distinct(features)) {
    ++l.counts[f];
    ++l.tokens;
    ++vocabulary_[f];
  }
}

std::vector<TextClassifier::Guess> TextClassifier::guess(const std::string& text, size_t k) const {
  std::vector<Guess> out;
  if (examples_ == 0) return out;
  const auto fs = distinct(features(text));
  const double v = static_cast<double>(vocabulary_.size()) + 1;
  std::vector<std::pair<double, const std::string*>> scores;
  for (const auto& [name, l] : labels_) {
    double s = std::log(static_cast<double>(l.docs) / static_cast<double>(examples_));
    const double denom = std::log(static_cast<double>(l.tokens) + v);
    for (const Feature f : fs) {
      if (!vocabulary_.count(f)) continue;  // unseen everywhere: says nothing
      auto it = l.counts.find(f);
      s += std::log((it == l.counts.end() ? 0 : it->second) + 1.0) - denom;
    }
    if (auto kw = keywords_.find(name); kw != keywords_.end())
      for (const auto& w : kw->second)
        if (text.find(w) != std::string::npos) {
          s += options_.keyword_boost;
          break;
        }
    scores.emplace_back(s, &name);
  }
  std::sort(scores.begin(), scores.end(), [](const auto& a, const auto& b) {
    return a.first > b.first || (a.first == b.first && *a.second < *b.second);
  });
  const double best = scores.front().first;
  double total = 0;
  for (const auto& [s, name] : scores) total += std::exp(s - best);
  for (size_t i = 0; i < scores.size() && i < k; ++i)
    out.push_back({*scores[i].second, std::exp(scores[i].first - best) / total});
  return out;
}

}  // namespace linli::requests
