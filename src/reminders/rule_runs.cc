// Admin-defined reminder rules: keeping them, selecting their residents
// (a saved report, or birthdays turning given ages in the period) and the
// daily run, once per rule and period.
#include <algorithm>
#include <set>

#include "access/access.h"
#include "reminders/reminders.h"
#include "reminders/repo.h"

namespace linli::reminders {

namespace {
registry::PlacePath placeOfAuthor(const Caller& c) { return access::placeOf(*c.principal); }
}  // namespace

Result<std::vector<ReminderRule>> ReminderService::rules(const Caller& caller) {
  LINLI_TRY(access::require(caller, "reminders.rules"));
  return storage::readResult<std::vector<ReminderRule>>(
      db_, [&](storage::Tx& tx) { return repo::rules(tx, placeOfAuthor(caller), false); });
}

Result<ReminderRule> ReminderService::addRule(const Caller& caller, ReminderRule rule) {
  LINLI_TRY(access::require(caller, "reminders.rules"));
  LINLI_TRY(validateRule(rule));
  if (rule.report_id) {
    auto f = reports_.templateFilter(caller, *rule.report_id);
    if (!f.ok())
      return f.status().code() == Code::kNotFound
                 ? invalidArgument("report_id", "no such saved report of yours")
                 : f.status();
  }
  rule.created_by = caller.principal->user_id;
  return storage::writeResult<ReminderRule>(db_, [&](storage::Tx& tx) -> Result<ReminderRule> {
    LINLI_ASSIGN_OR_RETURN(rule.id,
                           repo::insertRule(tx, rule, placeOfAuthor(caller), clock_.now()));
    return rule;
  });
}

Result<ReminderRule> ReminderService::visibleRule(const Caller& caller, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto all, rules(caller));
  auto r = std::find_if(all.begin(), all.end(), [&](const ReminderRule& x) { return x.id == id; });
  if (r == all.end()) return notFound("no such rule");
  return *r;
}

Result<ReminderRule> ReminderService::setRuleActive(const Caller& caller, int64_t id, bool active) {
  LINLI_ASSIGN_OR_RETURN(auto r, visibleRule(caller, id));
  LINLI_TRY(db_.write([&](storage::Tx& tx) { return repo::setRuleActive(tx, id, active); }));
  r.active = active;
  return r;
}

Result<std::vector<int64_t>> ReminderService::selected(const Caller& author, const ReminderRule& r,
                                                       const CivilDate& today) {
  if (r.condition == "report") {
    LINLI_ASSIGN_OR_RETURN(auto filter, reports_.templateFilter(author, r.report_id.value_or(0)));
    return reports_.residentIds(author, filter);
  }
  // Birthdays: of age A on the period's last day, but not yet on the day before it began.
  const auto [first, last] = periodDays(r.schedule, today);
  std::set<int64_t> out;
  for (int age : r.ages) {
    reports::Filter f;
    f.age_min = age;
    f.age_max = age;
    f.on = last;
    LINLI_ASSIGN_OR_RETURN(auto then, reports_.residentIds(author, f));
    f.on = fromDays(toDays(first) - 1);
    LINLI_ASSIGN_OR_RETURN(auto before, reports_.residentIds(author, f));
    std::set<int64_t> already(before.begin(), before.end());
    for (int64_t id : then)
      if (!already.count(id)) out.insert(id);
  }
  return std::vector<int64_t>(out.begin(), out.end());
}

Result<int64_t> ReminderService::preview(const Caller& caller, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto r, visibleRule(caller, id));
  LINLI_ASSIGN_OR_RETURN(auto ids, selected(caller, r, dateAt(clock_.now())));
  return static_cast<int64_t>(ids.size());
}

Result<int> ReminderService::runRules() {
  const CivilDate today = dateAt(clock_.now());
  LINLI_ASSIGN_OR_RETURN(
      auto all, (storage::readResult<std::vector<ReminderRule>>(
                    db_, [&](storage::Tx& tx) { return repo::rules(tx, std::nullopt, true); })));
  int ran = 0;
  for (const ReminderRule& r : all) {
    const auto period = periodOn(r.schedule, today);
    if (!period) continue;
    LINLI_ASSIGN_OR_RETURN(
        auto author, (storage::readResult<std::optional<auth::User>>(
                         db_, [&](storage::Tx& tx) { return auth_.userById(tx, r.created_by); })));
    if (!author || author->disabled) continue;  // nobody left to act for
    const Caller as{auth::principalOf(*author), "scheduler", "reminders.rules"};
    auto ids = selected(as, r, today);
    if (!ids.ok()) continue;  // e.g. the saved report was deleted: the rule selects nobody
    std::vector<std::string> names;
    if (r.recipients == "author" && !ids->empty()) {
      std::vector<int64_t> some(ids->begin(), ids->begin() + std::min<size_t>(ids->size(), 20));
      LINLI_ASSIGN_OR_RETURN(auto people, registry_.residentsByIds(as, some));
      for (const auto& p : people) names.push_back(p.name + "（" + p.address + "）");
    }
    bool ran_now = false;
    LINLI_TRY(db_.write([&](storage::Tx& tx) -> Status {
      LINLI_ASSIGN_OR_RETURN(
          ran_now,
          repo::insertRun(tx, r.id, *period, static_cast<int64_t>(ids->size()), clock_.now()));
      if (!ran_now || ids->empty()) return Status::Ok();
      if (r.recipients == "residents") {
        LINLI_ASSIGN_OR_RETURN(auto notice,
                               notices_.queueNotice(tx, as, r.subject, r.body, *ids, {}, false));
        return repo::setRunNotice(tx, r.id, *period, notice.id);
      }
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : "、") + n;
      if (ids->size() > names.size()) list += " …";
      return notify_.toUser(tx, author->id, "rules.digest",
                            {{"subject", r.subject},
                             {"body", r.body},
                             {"count", std::to_string(ids->size())},
                             {"names", list}},
                            "/reminders");
    }));
    if (ran_now) ++ran;
  }
  return ran;
}

}  // namespace linli::reminders
