// Category keywords (关键词): the street admin's words for a leaf category,
// which the classifier adds to what it learned (classifier.h). Read and
// replaced per category under requests.keywords; a change is audited and,
// once committed, reaches the classifier in the same call.
#include <algorithm>
#include <map>

#include "access/access.h"
#include "common/json_input.h"
#include "requests/repo.h"
#include "requests/requests.h"

namespace linli::requests {

namespace {

constexpr size_t kMaxKeywords = 30;
constexpr size_t kMaxKeywordChars = 16;

// Leaf categories: the ones no other category names as its parent.
std::vector<Category> leaves(const std::vector<Category>& all) {
  std::vector<Category> out;
  for (const auto& c : all)
    if (std::none_of(all.begin(), all.end(), [&](const Category& x) { return x.parent == c.code; }))
      out.push_back(c);
  return out;
}

Result<std::vector<std::string>> checked(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (std::string w : words) {
    const auto first = w.find_first_not_of(" \t");
    const auto last = w.find_last_not_of(" \t");
    w = first == std::string::npos ? "" : w.substr(first, last - first + 1);
    const size_t chars = json_input::utf8Length(w);
    if (chars == 0 || chars > kMaxKeywordChars)
      return invalidArgument("keywords", "each keyword has 1 to 16 characters");
    if (std::any_of(w.begin(), w.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
      return invalidArgument("keywords", "a keyword is one line of text");
    if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(std::move(w));
  }
  if (out.size() > kMaxKeywords)
    return invalidArgument("keywords", "at most 30 keywords a category");
  return out;
}

}  // namespace

Status RequestService::loadKeywords(storage::Tx& tx) {
  LINLI_ASSIGN_OR_RETURN(auto rows, repo::keywords(tx));
  std::unordered_map<std::string, std::vector<std::string>> by_category;
  for (auto& [code, word] : rows) by_category[code].push_back(word);
  std::lock_guard lock(classifier_mu_);
  by_category_.setKeywords(by_category);
  return Status::Ok();
}

Result<std::vector<CategoryKeywords>> RequestService::keywords(const Caller& caller) {
  LINLI_TRY(access::require(caller, "requests.keywords"));
  return storage::readResult<std::vector<CategoryKeywords>>(
      db_, [&](storage::Tx& tx) -> Result<std::vector<CategoryKeywords>> {
        LINLI_ASSIGN_OR_RETURN(auto all, repo::categories(tx));
        LINLI_ASSIGN_OR_RETURN(auto rows, repo::keywords(tx));
        std::map<std::string, std::vector<std::string>> by_category;
        for (auto& [code, word] : rows) by_category[code].push_back(word);
        std::vector<CategoryKeywords> out;
        for (const auto& c : leaves(all)) out.push_back({c.code, c.name, by_category[c.code]});
        return out;
      });
}

Result<CategoryKeywords> RequestService::setKeywords(const Caller& caller, const std::string& code,
                                                     const std::vector<std::string>& words) {
  LINLI_TRY(access::require(caller, "requests.keywords"));
  LINLI_ASSIGN_OR_RETURN(auto clean, checked(words));
  LINLI_ASSIGN_OR_RETURN(
      auto out,
      storage::writeResult<CategoryKeywords>(db_, [&](storage::Tx& tx) -> Result<CategoryKeywords> {
        LINLI_ASSIGN_OR_RETURN(auto all, repo::categories(tx));
        const auto leaf = leaves(all);
        auto c = std::find_if(leaf.begin(), leaf.end(),
                              [&](const Category& x) { return x.code == code; });
        if (c == leaf.end()) return notFound("no such leaf category: " + code);
        LINLI_TRY(repo::setKeywords(tx, code, clean));
        if (audit_)
          LINLI_TRY(audit_->record(tx, caller,
                                   {.action = "requests.keywords",
                                    .target_type = "request_category",
                                    .target_id = code,
                                    .detail = {{"keywords", clean}}}));
        return CategoryKeywords{c->code, c->name, clean};
      }));
  // Committed: now the classifier hears of it.
  LINLI_TRY(db_.read([&](storage::Tx& tx) { return loadKeywords(tx); }));
  return out;
}

}  // namespace linli::requests
