// Visit plans: rules, the due list, recording visits (a concern files a
// request), the not-visited list, and the daily missed-visit alert.
#include <algorithm>
#include <map>

#include "access/access.h"
#include "visits/default_rules.h"
#include "visits/repo.h"
#include "visits/visits.h"

namespace linli::visits {

namespace {
CivilDate plusDays(const CivilDate& d, int days) { return fromDays(toDays(d) + days); }

// The default rules, unless the street has had them already (then it may
// have edited or removed them).
Status giveDefaults(storage::Tx& tx, int64_t street_id, TimeMs now) {
  LINLI_ASSIGN_OR_RETURN(bool fresh, repo::markDefaultsGiven(tx, street_id, now));
  if (!fresh) return Status::Ok();
  for (const DefaultRule& d : defaultRules()) {
    Rule r{.name = d.name, .filter = d.filter, .every_days = d.every_days};
    LINLI_TRY(repo::insertRule(tx, {.street_id = street_id}, r, std::nullopt, now).status());
  }
  return Status::Ok();
}
}  // namespace

Status VisitService::seedDefaultRules() {
  std::map<int64_t, bool> streets;
  LINLI_TRY(db_.write([&](storage::Tx& tx) -> Status {
    LINLI_ASSIGN_OR_RETURN(streets, repo::streetsGivenDefaults(tx));
    for (const auto& [id, given] : streets)
      if (!given) LINLI_TRY(giveDefaults(tx, id, clock_.now()));
    return Status::Ok();
  }));
  std::lock_guard lock(seeded_mutex_);
  for (const auto& [id, given] : streets) seeded_.insert(id);
  return Status::Ok();
}

// A street created while serving (places administration) is met here first;
// after that, one look-up in memory.
Status VisitService::ensureDefaults(int64_t street_id) {
  if (street_id <= 0) return Status::Ok();  // no street (an operator): nothing to give
  {
    std::lock_guard lock(seeded_mutex_);
    if (seeded_.count(street_id)) return Status::Ok();
  }
  LINLI_TRY(db_.write(
      [&](storage::Tx& tx) -> Status { return giveDefaults(tx, street_id, clock_.now()); }));
  std::lock_guard lock(seeded_mutex_);
  seeded_.insert(street_id);
  return Status::Ok();
}

VisitService::VisitService(storage::Db& db, const Clock& clock, auth::AuthService& auth,
                           registry::Registry& registry, reports::ReportService& reports,
                           requests::RequestService& requests, notify::NotificationService& notify)
    : db_(db),
      clock_(clock),
      auth_(auth),
      registry_(registry),
      reports_(reports),
      requests_(requests),
      notify_(notify) {}

Result<std::vector<Rule>> VisitService::rules(const Caller& caller) {
  LINLI_TRY(access::require(caller, "visits.read"));
  LINLI_TRY(ensureDefaults(caller.principal->street_id));
  return storage::readResult<std::vector<Rule>>(db_, [&](storage::Tx& tx) {
    return repo::rules(tx, access::placeOf(*caller.principal), false);
  });
}

Result<Rule> VisitService::addRule(const Caller& caller, const std::string& name,
                                   const nlohmann::json& filter, int every_days) {
  LINLI_TRY(access::require(caller, "visits.rules"));
  LINLI_TRY(reports::parseFilter(filter).status());  // names the bad field
  if (every_days < 1 || every_days > 366)
    return invalidArgument("every_days", "visit every 1 to 366 days");
  registry::PlacePath at = access::placeOf(*caller.principal);
  at.grid_id.reset();  // a rule applies to a community, or to the whole street
  return storage::writeResult<Rule>(db_, [&](storage::Tx& tx) -> Result<Rule> {
    Rule r{
        .name = name, .filter = filter, .every_days = every_days, .community_id = at.community_id};
    LINLI_ASSIGN_OR_RETURN(r.id,
                           repo::insertRule(tx, at, r, caller.principal->user_id, clock_.now()));
    return r;
  });
}

Result<Rule> VisitService::patchRule(const Caller& caller, int64_t id, const RulePatch& patch) {
  LINLI_TRY(access::require(caller, "visits.rules"));
  if (patch.every_days && (*patch.every_days < 1 || *patch.every_days > 366))
    return invalidArgument("every_days", "visit every 1 to 366 days");
  return storage::writeResult<Rule>(db_, [&](storage::Tx& tx) -> Result<Rule> {
    LINLI_ASSIGN_OR_RETURN(auto mine, repo::rules(tx, access::placeOf(*caller.principal), false));
    auto r = std::find_if(mine.begin(), mine.end(), [&](const Rule& x) { return x.id == id; });
    if (r == mine.end()) return notFound("no such rule");
    // A community may not change the street's rules.
    if (!r->community_id && caller.principal->community_id)
      return permissionDenied("this rule belongs to the street");
    if (patch.name) r->name = *patch.name;
    if (patch.every_days) r->every_days = *patch.every_days;
    if (patch.active) r->active = *patch.active;
    LINLI_TRY(repo::updateRule(tx, *r));
    return *r;
  });
}

Status VisitService::removeRule(const Caller& caller, int64_t id) {
  LINLI_TRY(access::require(caller, "visits.rules"));
  return db_.write([&](storage::Tx& tx) -> Status {
    LINLI_ASSIGN_OR_RETURN(auto mine, repo::rules(tx, access::placeOf(*caller.principal), false));
    auto r = std::find_if(mine.begin(), mine.end(), [&](const Rule& x) { return x.id == id; });
    if (r == mine.end()) return notFound("no such rule");
    if (!r->community_id && caller.principal->community_id)
      return permissionDenied("this rule belongs to the street");
    return repo::deleteRule(tx, id);
  });
}

Result<std::vector<DueVisit>> VisitService::dueFor(const Caller& caller,
                                                   std::optional<int64_t> grid_id) {
  LINLI_TRY(ensureDefaults(caller.principal->street_id));
  LINLI_ASSIGN_OR_RETURN(auto active,
                         (storage::readResult<std::vector<Rule>>(db_, [&](storage::Tx& tx) {
                           return repo::rules(tx, access::placeOf(*caller.principal), true);
                         })));
  struct Selected {
    std::vector<std::string> rules;
    int every_days = 366;
  };
  std::map<int64_t, Selected> selected;
  for (const Rule& rule : active) {
    auto filter = reports::parseFilter(rule.filter);
    if (!filter.ok()) continue;  // a rule whose filter no longer parses selects nobody
    if (grid_id) filter->grid_id = grid_id;
    LINLI_ASSIGN_OR_RETURN(auto ids, reports_.residentIds(caller, *filter));
    for (int64_t id : ids) {
      Selected& s = selected[id];
      s.rules.push_back(rule.name);
      s.every_days = std::min(s.every_days, rule.every_days);
    }
  }
  std::vector<int64_t> ids;
  for (const auto& [id, s] : selected) ids.push_back(id);
  LINLI_ASSIGN_OR_RETURN(auto last,
                         (storage::readResult<std::map<int64_t, std::string>>(
                             db_, [&](storage::Tx& tx) { return repo::lastVisits(tx, ids); })));
  const CivilDate today = dateAt(clock_.now());
  std::vector<DueVisit> out;
  out.reserve(ids.size());
  for (const auto& [id, s] : selected) {
    DueVisit d{.resident_id = id, .rules = s.rules, .every_days = s.every_days};
    if (auto l = last.find(id); l != last.end()) d.last_visit = parseDate(l->second);
    d.due_on = d.last_visit ? plusDays(*d.last_visit, s.every_days) : today;
    d.overdue = d.due_on < today;
    out.push_back(std::move(d));
  }
  std::sort(out.begin(), out.end(), [](const DueVisit& a, const DueVisit& b) {
    return a.due_on != b.due_on ? a.due_on < b.due_on : a.resident_id < b.resident_id;
  });
  return out;
}

Status VisitService::fillResidents(const Caller& caller, std::vector<DueVisit>& visits) {
  std::vector<int64_t> ids;
  for (const auto& d : visits) ids.push_back(d.resident_id);
  LINLI_ASSIGN_OR_RETURN(auto people, registry_.residentsByIds(caller, ids));
  std::map<int64_t, const registry::Resident*> by_id;
  for (const auto& p : people) by_id[p.id] = &p;
  const CivilDate today = dateAt(clock_.now());
  std::vector<DueVisit> kept;  // a resident gone from the area since the report ran drops out
  for (auto& d : visits) {
    auto p = by_id.find(d.resident_id);
    if (p == by_id.end()) continue;
    d.household_id = p->second->household_id;
    d.name = p->second->name;
    d.address = p->second->address;
    d.age = ageOn(p->second->birth_date, today);
    kept.push_back(std::move(d));
  }
  visits = std::move(kept);
  return Status::Ok();
}

namespace {
Status checkPage(int page, int page_size) {
  if (page < 1) return invalidArgument("page", "page starts at 1");
  if (page_size < 1 || page_size > 200) return invalidArgument("page_size", "from 1 to 200");
  return Status::Ok();
}

template <class T>
std::vector<T> pageOf(std::vector<T>& all, int page, int page_size) {
  const size_t from = std::min(all.size(), static_cast<size_t>(page - 1) * page_size);
  const size_t to = std::min(all.size(), from + static_cast<size_t>(page_size));
  return {std::make_move_iterator(all.begin() + from), std::make_move_iterator(all.begin() + to)};
}
}  // namespace

Result<ListPage<DueVisit>> VisitService::due(const Caller& caller, std::optional<int64_t> grid_id,
                                             int page, int page_size, bool by_today) {
  LINLI_TRY(access::require(caller, "visits.read"));
  LINLI_TRY(checkPage(page, page_size));
  LINLI_ASSIGN_OR_RETURN(auto all, dueFor(caller, grid_id));
  if (by_today) {
    const CivilDate today = dateAt(clock_.now());
    std::erase_if(all, [&](const DueVisit& d) { return d.due_on > today; });
  }
  ListPage<DueVisit> out;
  out.total = static_cast<int64_t>(all.size());
  out.overdue = std::count_if(all.begin(), all.end(), [](const DueVisit& d) { return d.overdue; });
  out.items = pageOf(all, page, page_size);
  LINLI_TRY(fillResidents(caller, out.items));
  return out;
}

Result<Visit> VisitService::record(const Caller& caller, const NewVisit& in) {
  LINLI_TRY(access::require(caller, "visits.record"));
  if (in.outcome != "met" && in.outcome != "not_home" && in.outcome != "refused")
    return invalidArgument("outcome", "outcome is met, not_home or refused");
  const CivilDate today = dateAt(clock_.now());
  const CivilDate on = in.visited_on.value_or(today);
  if (on > today) return invalidArgument("visited_on", "the visit lies in the future");
  LINLI_ASSIGN_OR_RETURN(auto found, registry_.residentsByIds(caller, {in.resident_id}));
  if (found.empty()) return notFound("no such resident in your area");
  const registry::Resident& resident = found.front();
  if (in.idempotency_key) {
    LINLI_ASSIGN_OR_RETURN(
        auto first, (storage::readResult<std::optional<Visit>>(db_, [&](storage::Tx& tx) {
          return repo::visitByKey(tx, caller.principal->user_id, *in.idempotency_key);
        })));
    if (first) return *first;
  }
  // A concern becomes a request first: the visit then points at it.
  std::optional<requests::Request> filed;
  if (in.concern) {
    requests::NewRequest r;
    r.description = *in.concern;
    r.category = in.concern_category;
    r.household_id = resident.household_id;
    r.contact_name = resident.name;
    if (in.idempotency_key) r.idempotency_key = "visit:" + *in.idempotency_key;
    auto made = requests_.file(caller, r);
    if (!made.ok()) {
      Status st = made.status();
      const std::string field = st.field() == "category" ? "concern.category" : "concern";
      return st.code() == Code::kInvalidArgument ? invalidArgument(field, st.message()) : st;
    }
    filed = *made;
  }
  return storage::writeResult<Visit>(db_, [&](storage::Tx& tx) -> Result<Visit> {
    Visit v{.resident_id = resident.id,
            .visited_on = on,
            .outcome = in.outcome,
            .notes = in.notes,
            .visitor_name = caller.principal->username};
    if (filed) {
      v.request_id = filed->id;
      v.request_number = filed->number;
    }
    LINLI_ASSIGN_OR_RETURN(v.id, repo::insertVisit(tx, resident, in, formatDate(on), v.request_id,
                                                   caller.principal->user_id, clock_.now()));
    return v;
  });
}

Result<std::vector<Visit>> VisitService::history(const Caller& caller, int64_t resident_id) {
  LINLI_TRY(access::require(caller, "visits.read"));
  LINLI_ASSIGN_OR_RETURN(auto found, registry_.residentsByIds(caller, {resident_id}));
  if (found.empty()) return notFound("no such resident in your area");
  return storage::readResult<std::vector<Visit>>(
      db_, [&](storage::Tx& tx) { return repo::history(tx, resident_id); });
}

Result<ListPage<StaleResident>> VisitService::stale(const Caller& caller, int days, int page,
                                                    int page_size) {
  LINLI_TRY(access::require(caller, "visits.read"));
  if (days < 1 || days > 3660) return invalidArgument("days", "from 1 to 3660 days");
  LINLI_TRY(checkPage(page, page_size));
  LINLI_ASSIGN_OR_RETURN(auto due, dueFor(caller, std::nullopt));
  const int64_t today = toDays(dateAt(clock_.now()));
  auto since = [&](const DueVisit& d) -> std::optional<int> {
    if (!d.last_visit) return std::nullopt;
    return static_cast<int>(today - toDays(*d.last_visit));
  };
  std::erase_if(due, [&](const DueVisit& d) {
    auto s = since(d);
    return s && *s < days;
  });
  std::stable_sort(due.begin(), due.end(), [&](const DueVisit& a, const DueVisit& b) {
    return since(a).value_or(1 << 30) > since(b).value_or(1 << 30);
  });
  ListPage<StaleResident> out;
  out.total = static_cast<int64_t>(due.size());
  auto shown = pageOf(due, page, page_size);
  LINLI_TRY(fillResidents(caller, shown));
  for (const auto& d : shown)
    out.items.push_back({d.resident_id, d.name, d.address, d.last_visit, since(d)});
  return out;
}

Result<int> VisitService::alertMissed() {
  LINLI_ASSIGN_OR_RETURN(auto admins,
                         (storage::readResult<std::vector<auth::User>>(db_, [&](storage::Tx& tx) {
                           return auth_.usersWithRole(tx, "community_admin");
                         })));
  const CivilDate today = dateAt(clock_.now());
  int told = 0;
  for (const auto& admin : admins) {
    const Caller as{auth::principalOf(admin), "scheduler", "visits.missed"};
    LINLI_ASSIGN_OR_RETURN(auto late, dueFor(as, std::nullopt));
    std::erase_if(
        late, [&](const DueVisit& d) { return !(plusDays(d.due_on, kMissedGraceDays) < today); });
    if (late.empty()) continue;
    LINLI_TRY(fillResidents(as, late));  // the digest names the first
    bool alerted = false;
    LINLI_TRY(db_.write([&](storage::Tx& tx) -> Status {
      alerted = false;
      int fresh = 0;
      const DueVisit* first = nullptr;
      for (const DueVisit& d : late) {
        LINLI_ASSIGN_OR_RETURN(
            bool added, repo::insertAlert(tx, d.resident_id, formatDate(d.due_on), clock_.now()));
        if (!added) continue;
        ++fresh;
        if (!first) first = &d;
      }
      if (fresh == 0) return Status::Ok();
      alerted = true;
      return notify_.toUser(tx, admin.id, "visits.missed",
                            {{"count", std::to_string(fresh)},
                             {"community", admin.scope_name},
                             {"first", first->name},
                             {"due", formatDate(first->due_on)}},
                            "/visits");
    }));
    if (alerted) ++told;
  }
  return told;
}

}  // namespace linli::visits
