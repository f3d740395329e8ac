// The seed corpus linli ships (src/requests/corpus/, embedded at build time):
// how residents really write each leaf category's complaints. train.tsv is
// hand-written sentences; trainingCorpus() adds variants of each made by a
// seeded, deterministic generator (openers of different speakers, places,
// times, urgency, homophone slips), so the same build always trains the same
// classifier. eval.tsv was written apart and is never trained on: it only
// measures the classifier (`linli bench requests`). Lines are
// "category<TAB>text"; blank lines and lines starting with '#' are skipped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace linli::requests {

struct CorpusLine {
  std::string category, text;
};

// InvalidArgument("corpus", "line N: ...") on a line without a tab, an empty
// category or an empty text.
Result<std::vector<CorpusLine>> parseCorpus(std::string_view tsv);

// The hand-written training sentences, as shipped.
const std::vector<CorpusLine>& seedSentences();
// The evaluation set, as shipped.
const std::vector<CorpusLine>& evaluationSet();

// What the classifier starts from: every seed sentence as written, then
// `variants` generated variants of each (deterministic).
constexpr size_t kCorpusVariants = 4;
std::vector<CorpusLine> trainingCorpus(size_t variants = kCorpusVariants);

// The corpus files' bytes (the generated corpus_embedded.cc).
namespace corpus_data {
std::string_view trainTsv();
std::string_view evalTsv();
}  // namespace corpus_data

}  // namespace linli::requests
