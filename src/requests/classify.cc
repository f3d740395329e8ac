// The classifier's use cases: it learns from the seed corpus and every
// labelled request at start (startClassifier), from each new one (filing.cc) and each correction
// (`categorize`), and suggests the likeliest categories and a priority for a text.
#include <algorithm>

#include "access/access.h"
#include "requests/corpus.h"
#include "requests/repo.h"
#include "requests/requests.h"

namespace linli::requests {

void RequestService::learn(const std::string& text, const std::optional<std::string>& category,
                           const std::string& priority) {
  if (!category) return;
  const auto features = TextClassifier::features(text);  // split outside the lock
  std::lock_guard lock(classifier_mu_);
  by_category_.learn(features, *category);
  by_priority_.learn(features, priority);
}

// The corpus teaches categories only (it carries no priority); the street's
// own requests teach both, then its keywords are added.
Status RequestService::startClassifier() {
  {
    const auto corpus = trainingCorpus();
    std::lock_guard lock(classifier_mu_);
    for (const auto& line : corpus) by_category_.learn(line.text, line.category);
  }
  return db_.read([&](storage::Tx& tx) -> Status {
    LINLI_TRY(repo::forEachLabelled(
        tx, [&](const std::string& text, const std::string& category, const std::string& priority) {
          learn(text, category, priority);
        }));
    return loadKeywords(tx);
  });
}

Result<Suggestion> RequestService::classify(const Caller& caller, const std::string& text) {
  if (!caller.principal || !(access::allowed(caller.principal->role, "requests.file") ||
                             access::allowed(caller.principal->role, "requests.handle")))
    return permissionDenied("you may not file or handle requests");
  LINLI_ASSIGN_OR_RETURN(auto cats, categories(caller));
  std::vector<TextClassifier::Guess> by_category, by_priority;
  {
    std::lock_guard lock(classifier_mu_);
    by_category = by_category_.guess(text, 3);
    by_priority = by_priority_.guess(text, 1);
  }
  Suggestion out;
  for (const auto& g : by_category) {
    auto c = std::find_if(cats.begin(), cats.end(),
                          [&](const Category& x) { return x.code == g.label; });
    if (c != cats.end()) out.categories.push_back({c->code, c->name, g.confidence});
  }
  if (!by_priority.empty())
    out.priority =
        Suggestion::Pick{by_priority[0].label, by_priority[0].label, by_priority[0].confidence};
  return out;
}

}  // namespace linli::requests
