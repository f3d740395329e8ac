#include "requests/classifier.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace linli::requests {

namespace {

// Splits UTF-8 into code points, keeping letters, digits and CJK; the rest
// (punctuation, spaces, emoji) separates runs.
std::vector<std::vector<std::string>> runs(const std::string& text) {
  std::vector<std::vector<std::string>> out(1);
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t n = c < 0x80             ? 1
               : (c & 0xE0) == 0xC0 ? 2
               : (c & 0xF0) == 0xE0 ? 3
               : (c & 0xF8) == 0xF0 ? 4
                                    : 1;
    std::string cp = text.substr(i, n);
    i += n;
    bool keep = false;
    if (n == 1) {
      keep = std::isalnum(c) != 0;
      if (keep) cp[0] = static_cast<char>(std::tolower(c));
    } else if (n == 3) {
      // U+4E00–U+9FFF (CJK unified ideographs) start with E4–E9.
      keep = c >= 0xE4 && c <= 0xE9;
    }
    if (keep)
      out.back().push_back(cp);
    else if (!out.back().empty())
      out.emplace_back();
  }
  return out;
}

}  // namespace

std::vector<std::string> TextClassifier::features(const std::string& text) {
  std::vector<std::string> f;
  for (const auto& run : runs(text))
    for (size_t i = 0; i < run.size(); ++i) {
      f.push_back(run[i]);
      if (i + 1 < run.size()) f.push_back(run[i] + run[i + 1]);
      if (i + 2 < run.size()) f.push_back(run[i] + run[i + 1] + run[i + 2]);
    }
  return f;
}

void TextClassifier::learn(const std::string& text, const std::string& label) {
  Label& l = labels_[label];
  ++l.docs;
  ++examples_;
  for (const auto& f : features(text)) {
    ++l.counts[f];
    ++l.tokens;
    ++vocabulary_[f];
  }
}

std::vector<TextClassifier::Guess> TextClassifier::guess(const std::string& text, size_t k) const {
  std::vector<Guess> out;
  if (examples_ == 0) return out;
  const auto fs = features(text);
  const double v = static_cast<double>(vocabulary_.size()) + 1;
  std::vector<std::pair<double, const std::string*>> scores;
  for (const auto& [name, l] : labels_) {
    double s = std::log(static_cast<double>(l.docs) / static_cast<double>(examples_));
    const double denom = std::log(static_cast<double>(l.tokens) + v);
    for (const auto& f : fs) {
      if (!vocabulary_.count(f)) continue;  // unseen everywhere: says nothing
      auto it = l.counts.find(f);
      s += std::log((it == l.counts.end() ? 0 : it->second) + 1.0) - denom;
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
