// Demo request texts: what residents write, by category, built from phrases
// with places, times and objects varied, plus the priority a dispatcher would
// give. For demo data and for measuring the classifier (synthetic text is
// easier than real complaints; treat its accuracy as an upper bound).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace linli::demo {

struct RequestText {
  std::string category, priority, text;
};

std::vector<RequestText> requestTexts(size_t n, uint64_t seed = 2026);

}  // namespace linli::demo
