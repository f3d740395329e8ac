// Request use cases: file (number, place, route, deadlines), read within
// scope, and act along the lifecycle. Each is one transaction; the timeline
// event is written in it.
#include <algorithm>
#include <cmath>
#include <future>

#include "access/access.h"
#include "common/civil_date.h"
#include "personal/personal_data.h"
#include "requests/lifecycle.h"
#include "requests/repo.h"
#include "requests/request_input.h"
#include "requests/requests.h"

namespace linli::requests {

namespace {
constexpr TimeMs kHourMs = 3600 * 1000;
constexpr TimeMs kWeekMs = 7 * 24 * kHourMs;
constexpr const char* kWarnJob = "requests.warn";
constexpr const char* kEscalateJob = "requests.escalate";
constexpr const char* kAutoCloseJob = "requests.autoclose";
constexpr TimeMs kDayMs = 24 * kHourMs;

bool isResident(const Caller& c) { return c.principal && c.principal->role == "resident"; }
bool isDepartment(const Caller& c) { return c.principal && c.principal->role == "department"; }

std::string yyyymmdd(TimeMs at) {
  CivilDate d = dateAt(at);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
  return buf;
}

// The roles that take a unit's work, in order of preference.
std::vector<std::string> rolesFor(const std::string& unit) {
  if (unit == "grid") return {"grid_worker"};
  if (unit == "community") return {"community_staff", "community_admin"};
  return {"department"};
}
}  // namespace

RequestService::RequestService(storage::Db& db, const Clock& clock, registry::Registry& registry,
                               auth::AuthService& auth, const crypto::Keys* keys,
                               audit::AuditLog* audit, scheduler::Scheduler* scheduler,
                               LoopOptions loop)
    : db_(db),
      clock_(clock),
      registry_(registry),
      auth_(auth),
      keys_(keys),
      audit_(audit),
      scheduler_(scheduler),
      loop_(loop) {}

Status RequestService::scheduleDeadlines(storage::Tx& tx, const Request& r) {
  if (!scheduler_) return Status::Ok();
  const TimeMs now = clock_.now();
  const std::string key = std::to_string(r.id);
  // Warn a quarter of the time before the deadline, at most two hours before.
  const TimeMs lead = std::min<TimeMs>(2 * kHourMs, (r.resolve_due - r.created_at) / 4);
  if (!r.warned && r.resolve_due - lead > now)
    LINLI_TRY(scheduler_->schedule(tx, kWarnJob, key, r.resolve_due - lead).status());
  if (r.next_escalation_at)
    LINLI_TRY(
        scheduler_->schedule(tx, kEscalateJob, key, std::max(now, *r.next_escalation_at)).status());
  return Status::Ok();
}

Result<std::vector<Category>> RequestService::categories(const Caller& caller) {
  if (!caller.principal) return Status(Code::kUnauthenticated, "sign in first");
  return publicCategories();
}

Result<std::vector<Category>> RequestService::publicCategories() {
  return storage::readResult<std::vector<Category>>(
      db_, [&](storage::Tx& tx) { return repo::categories(tx); });
}

Result<std::vector<auth::User>> RequestService::candidates(storage::Tx& tx, const std::string& unit,
                                                           const registry::PlacePath& place,
                                                           std::optional<int64_t> except) {
  registry::PlacePath at = place;
  if (unit != "grid") at.grid_id.reset();
  if (unit == "department") at.community_id.reset();
  if (unit == "grid" && !at.grid_id) return std::vector<auth::User>();
  if (unit == "community" && !at.community_id) return std::vector<auth::User>();
  const CivilDate today = dateAt(clock_.now());
  for (const auto& role : rolesFor(unit)) {
    LINLI_ASSIGN_OR_RETURN(auto staff, auth_.staffAt(tx, role, at));
    std::vector<int64_t> ids;
    for (const auto& u : staff) ids.push_back(u.id);
    LINLI_ASSIGN_OR_RETURN(auto away, repo::leaves(tx, ids));
    std::vector<auth::User> people;
    for (auto& u : staff) {
      auto l = away.find(u.id);
      const bool on_leave = l != away.end() && l->second.from <= today && today <= l->second.until;
      if (!on_leave && u.id != except) people.push_back(std::move(u));
    }
    if (!people.empty()) return people;
  }
  return std::vector<auth::User>();
}

Result<std::optional<auth::User>> RequestService::leastLoaded(
    storage::Tx& tx, const std::vector<auth::User>& people) {
  if (people.empty()) return std::optional<auth::User>();
  std::vector<int64_t> ids;
  for (const auto& u : people) ids.push_back(u.id);
  LINLI_ASSIGN_OR_RETURN(auto load, repo::openLoad(tx, ids, clock_.now()));
  // Each open request weighs 1 plus 1 per week it has been open.
  auto weight = [](const repo::Load& l) {
    return static_cast<double>(l.open) + static_cast<double>(l.age_ms) / kWeekMs;
  };
  size_t best = 0;
  for (size_t i = 1; i < load.size(); ++i)
    if (weight(load[i]) < weight(load[best])) best = i;
  return std::optional<auth::User>(people[best]);
}

Result<std::optional<auth::User>> RequestService::pickAssignee(storage::Tx& tx,
                                                               const std::string& unit,
                                                               const registry::PlacePath& place,
                                                               std::optional<int64_t> except) {
  LINLI_ASSIGN_OR_RETURN(auto people, candidates(tx, unit, place, except));
  return leastLoaded(tx, people);
}

// Everything filing needs that other writers do not change is read before
// the write transaction, so the single writer only writes (and picks the
// least-loaded person, whose load other writers do change).
Result<RequestService::FilingPlan> RequestService::planFiling(const Caller& caller,
                                                              const NewRequest& in) {
  const Principal& me = *caller.principal;
  FilingPlan plan;
  Request& r = plan.request;
  const TimeMs now = clock_.now();
  r.description = in.description;
  r.priority = in.priority;
  r.filed_by = me.user_id;
  r.created_at = now;
  r.updated_at = now;
  r.lat = in.lat;
  r.lng = in.lng;
  r.contact_method = in.contact_method;
  r.channel = isResident(caller) ? "web" : !me.via_session ? "integration" : "hotline";

  // Contact: a resident is reached through their account; staff give the caller's.
  r.contact_name = in.contact_name.empty() ? me.username : in.contact_name;
  if (in.contact_phone) {
    LINLI_ASSIGN_OR_RETURN(auto phone,
                           personal::normalizePhone(*in.contact_phone, "contact_phone"));
    if (!keys_) return internalError("requests have no keys");
    auto stored = personal::storeSecret(*keys_, personal::kPhonePurpose, phone);
    plan.contact_phone_sealed = stored.sealed;
    r.contact_phone_last4 = stored.last4;
  }

  // Place: the building or household named, else the filer's own place.
  const registry::PlacePath mine = access::placeOf(me);
  if (in.building_id || in.household_id) {
    LINLI_TRY(db_.read([&](storage::Tx& tx) -> Status {
      LINLI_ASSIGN_OR_RETURN(auto located, registry_.locate(tx, in.building_id, in.household_id));
      const char* field = in.household_id ? "household_id" : "building_id";
      if (!located) return invalidArgument(field, "no such building or household");
      if (!access::covers(mine, located->place))
        return invalidArgument(field, "that place lies outside your area");
      r.place = located->place;
      r.building_id = located->building_id;
      r.household_id = located->household_id;
      r.address = in.address.empty() ? located->address : in.address;
      return Status::Ok();
    }));
  } else {
    r.place = mine;
    r.address = in.address;
  }

  // Category, unit and deadlines.
  LINLI_ASSIGN_OR_RETURN(auto ref, filingReference(in.category, r.place));
  int response_hours = 4, resolve_hours = 120;
  r.unit = "grid";
  if (ref->category) {
    r.category = ref->category->code;
    r.category_name = ref->category->name;
    r.unit = ref->category->unit;
    response_hours = ref->category->response_hours;
    resolve_hours = ref->category->resolve_hours;
  }
  r.response_due = ref->calendar.add(now, response_hours * kHourMs);
  r.resolve_due = ref->calendar.add(now, resolve_hours * kHourMs);
  r.next_escalation_at = r.resolve_due;
  plan.candidates = ref->candidates;
  return plan;
}

// Read once per category, place and day, not per filing: at thousands of
// filings a second these reads were a fifth of the io threads' work.
Result<std::shared_ptr<const RequestService::FilingReference>> RequestService::filingReference(
    const std::optional<std::string>& category, const registry::PlacePath& place) {
  const TimeMs now = clock_.now();
  const std::string key = category.value_or("") + "|" + std::to_string(place.street_id) + "|" +
                          std::to_string(place.community_id.value_or(0)) + "|" +
                          std::to_string(place.grid_id.value_or(0)) + "|" +
                          formatDate(dateAt(now)) + "|" + std::to_string(auth_.usersVersion());
  if (auto known = filing_references_.find(key, now)) return *known;
  const uint64_t generation = filing_references_.generation();
  auto ref = std::make_shared<FilingReference>();
  LINLI_TRY(db_.read([&](storage::Tx& tx) -> Status {
    std::string unit = "grid";
    if (category) {
      LINLI_ASSIGN_OR_RETURN(ref->category, repo::findCategory(tx, *category));
      if (!ref->category) return invalidArgument("category", "no such category: " + *category);
      unit = ref->category->unit;
    }
    LINLI_ASSIGN_OR_RETURN(ref->calendar, repo::calendar(tx, place.street_id));
    LINLI_ASSIGN_OR_RETURN(ref->candidates, candidates(tx, unit, place));
    return Status::Ok();
  }));
  std::shared_ptr<const FilingReference> made = std::move(ref);
  filing_references_.put(key, made, generation, now);
  return made;
}

Result<Request> RequestService::file(const Caller& caller, const NewRequest& in) {
  std::promise<Result<Request>> filed;
  fileAsync(caller, in, [&filed](Result<Request> r) { filed.set_value(std::move(r)); });
  return filed.get_future().get();
}

void RequestService::fileAsync(const Caller& caller, NewRequest in,
                               std::function<void(Result<Request>)> done) {
  if (Status allowed = access::require(caller, "requests.file"); !allowed.ok()) return done(allowed);
  if (Status checked = checkNewRequest(in); !checked.ok()) return done(checked);
  auto plan = planFiling(caller, in);
  if (!plan.ok()) return done(plan.status());
  struct Filing {
    Caller caller;
    NewRequest in;
    FilingPlan plan;
    std::optional<Request> filed;
    bool fresh = false;
  };
  auto f = std::make_shared<Filing>(Filing{caller, std::move(in), std::move(*plan)});
  db_.writeAsync(
      [this, f](storage::Tx& tx) -> Status {
        LINLI_ASSIGN_OR_RETURN(f->filed, writeFiling(tx, f->caller, f->in, f->plan, f->fresh));
        return Status::Ok();
      },
      [this, f, done = std::move(done)](Status st) {
        if (!st.ok()) return done(st);
        if (f->fresh) learn(f->filed->description, f->filed->category, f->filed->priority);
        done(std::move(*f->filed));
      });
}

Result<Request> RequestService::writeFiling(storage::Tx& tx, const Caller& caller,
                                            const NewRequest& in, const FilingPlan& plan,
                                            bool& fresh) {
  const Principal& me = *caller.principal;
  if (in.idempotency_key) {
    LINLI_ASSIGN_OR_RETURN(auto first,
                           repo::requestByIdempotencyKey(tx, me.user_id, *in.idempotency_key));
    if (first) {
      LINLI_ASSIGN_OR_RETURN(auto r, repo::findRequest(tx, *first));
      return *r;
    }
  }
  Request r = plan.request;  // a retried transaction starts from the plan again
  const TimeMs now = r.created_at;
  const std::string prefix = r.category.value_or("QT") + "-" + yyyymmdd(now);
  LINLI_ASSIGN_OR_RETURN(int64_t serial, repo::nextSerial(tx, prefix));
  char tail[16];
  std::snprintf(tail, sizeof tail, "-%04lld", static_cast<long long>(serial));
  r.number = prefix + tail;

  LINLI_ASSIGN_OR_RETURN(auto assignee, leastLoaded(tx, plan.candidates));
  r.status = assignee ? "assigned" : "submitted";
  if (assignee) {
    r.assignee_id = assignee->id;
    r.assignee_name = assignee->display_name;
  }
  LINLI_ASSIGN_OR_RETURN(
      r.id, repo::insertRequest(tx, r, {plan.contact_phone_sealed}, in.idempotency_key));
  if (r.assignee_id) LINLI_TRY(repo::adjustLoad(tx, *r.assignee_id, +1, r.created_at));
  LINLI_TRY(scheduleDeadlines(tx, r));
  std::vector<Event> events = {
      {.at = now, .kind = "submitted", .to = "submitted", .actor_id = me.user_id}};
  if (assignee)
    events.push_back({.at = now,
                      .kind = "assign",
                      .from = "submitted",
                      .to = "assigned",
                      .note = assignee->display_name});
  LINLI_TRY(repo::addEvents(tx, events, r.id));
  if (audit_)
    LINLI_TRY(audit_->record(tx, caller,
                             {.action = "requests.file",
                              .target_type = "request",
                              .target_id = std::to_string(r.id),
                              .detail = {{"number", r.number}, {"channel", r.channel}}}));
  fresh = true;
  return r;
}

void RequestService::learn(const std::string& text, const std::optional<std::string>& category,
                           const std::string& priority) {
  if (!category) return;
  const auto features = TextClassifier::features(text);  // split outside the lock
  std::lock_guard lock(classifier_mu_);
  by_category_.learn(features, *category);
  by_priority_.learn(features, priority);
}

Status RequestService::startClassifier() {
  return db_.read([&](storage::Tx& tx) {
    return repo::forEachLabelled(
        tx, [&](const std::string& text, const std::string& category, const std::string& priority) {
          learn(text, category, priority);
        });
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

bool RequestService::handles(const Caller& caller, const Request& r) const {
  if (!caller.principal || !access::allowed(caller.principal->role, "requests.handle")) return false;
  if (r.assignee_id == caller.principal->user_id) return true;
  if (isDepartment(caller)) return false;
  return access::covers(access::placeOf(*caller.principal), r.place);
}

Result<Request> RequestService::visible(storage::Tx& tx, const Caller& caller, int64_t id) const {
  LINLI_ASSIGN_OR_RETURN(auto r, repo::findRequest(tx, id));
  const Principal& me = *caller.principal;
  bool ok = r.has_value();
  if (ok && isResident(caller))
    ok = r->filed_by == me.user_id;
  else if (ok && isDepartment(caller))
    ok = r->assignee_id == me.user_id;
  else if (ok)
    ok = r->assignee_id == me.user_id || access::covers(access::placeOf(me), r->place);
  if (!ok) return notFound("request not found");
  return *r;
}

Result<Request> RequestService::get(const Caller& caller, int64_t id) {
  LINLI_TRY(access::require(caller, "requests.read"));
  return storage::readResult<Request>(db_,
                                      [&](storage::Tx& tx) { return visible(tx, caller, id); });
}

Result<std::vector<Event>> RequestService::timeline(const Caller& caller, int64_t id) {
  LINLI_TRY(access::require(caller, "requests.read"));
  return storage::readResult<std::vector<Event>>(
      db_, [&](storage::Tx& tx) -> Result<std::vector<Event>> {
        LINLI_TRY(visible(tx, caller, id).status());
        return repo::events(tx, id, !isResident(caller));
      });
}

Result<RequestPage> RequestService::list(const Caller& caller, const RequestQuery& q) {
  LINLI_TRY(access::require(caller, "requests.read"));
  const Principal& me = *caller.principal;
  repo::Visibility v;
  if (isResident(caller))
    v.filed_by = me.user_id;
  else if (isDepartment(caller))
    v.assignee_id = me.user_id;
  else
    v.place = access::placeOf(me);
  return storage::readResult<RequestPage>(
      db_, [&](storage::Tx& tx) { return repo::listRequests(tx, v, q, me.user_id, clock_.now()); });
}

bool RequestService::overdue(const Request& r) const {
  return isOpen(r.status) && !r.paused_at && r.resolve_due < clock_.now();
}

std::vector<std::string> RequestService::allowedActions(const Caller& caller,
                                                        const Request& r) const {
  std::vector<std::string> out;
  if (!caller.principal) return out;
  const bool filer = r.filed_by == caller.principal->user_id;
  const bool handler = handles(caller, r);
  const bool assigner = handler && access::allowed(caller.principal->role, "requests.assign");
  for (auto action : actions()) {
    if (!nextStatus(r.status, action)) continue;
    bool may = false;
    if (action == "rate" || action == "reopen")
      may = filer;
    else if (action == "cancel" || action == "note")
      may = filer || handler;
    else if (action == "assign")
      may = assigner;
    else if (action == "report_in")
      may = handler && r.escalation_level > 0 && !r.reported_in;
    else if (action == "link")
      may = handler && !r.duplicate_of;
    else if (action == "decline")
      may = handler && r.assignee_id == caller.principal->user_id;
    else
      may = handler;
    if (may) out.emplace_back(action);
  }
  return out;
}

Result<Request> RequestService::act(const Caller& caller, int64_t id, const std::string& action,
                                    const ActionInput& in) {
  LINLI_TRY(access::require(caller, "requests.read"));
  const auto& all = actions();
  if (std::find(all.begin(), all.end(), action) == all.end())
    return invalidArgument("action", "unknown action " + action);
  auto acted = storage::writeResult<Request>(db_, [&](storage::Tx& tx) -> Result<Request> {
    LINLI_ASSIGN_OR_RETURN(Request r, visible(tx, caller, id));
    const std::optional<int64_t> had_assignee = r.assignee_id;
    const bool was_open = isOpen(r.status);
    auto next = nextStatus(r.status, action);
    if (!next) return conflict("cannot " + action + " a request that is " + r.status, "action");
    if (action == "report_in" && r.reported_in)
      return conflict("the report-in for this level is already recorded", "action");
    auto may = allowedActions(caller, r);
    if (std::find(may.begin(), may.end(), action) == may.end())
      return permissionDenied("you may not " + action + " this request");
    const TimeMs now = clock_.now();
    Event e{.at = now,
            .kind = action,
            .from = r.status,
            .to = *next,
            .actor_id = caller.principal->user_id};
    e.note = in.note;
    if (action == "resolve" && in.note.empty())
      return invalidArgument("note", "say how it was resolved");
    if ((action == "reject" || action == "reopen" || action == "decline") && in.reason.empty())
      return invalidArgument("reason", "give a reason");
    if (action == "reject" || action == "reopen") e.note = in.reason;
    if (action == "decline") {
      LINLI_ASSIGN_OR_RETURN(auto back, declineTarget(tx, r, caller.principal->user_id));
      if (!back) return conflict("nobody to hand it back to; add a note instead", "action");
      r.assignee_id = back->id;
      r.assignee_name = back->display_name;
      e.note = back->display_name + "：" + in.reason;
    }
    if (action == "note") {
      if (in.note.empty()) return invalidArgument("note", "the note is empty");
      e.internal = in.internal && handles(caller, r);
    }
    if (action == "assign") {
      if (!in.assignee_id) return invalidArgument("assignee_id", "choose who takes it");
      LINLI_ASSIGN_OR_RETURN(auto who, auth_.userById(tx, *in.assignee_id));
      // Anyone who handles requests inside the assigner's own area (a
      // community admin may hand a grid's request to the next grid's worker).
      const registry::PlacePath area = access::placeOf(*caller.principal);
      const bool staff = who && !who->disabled && access::allowed(who->role, "requests.handle") &&
                         (who->role == "department" ? who->place.street_id == area.street_id
                                                    : access::covers(area, who->place));
      if (!staff) return invalidArgument("assignee_id", "that person cannot take this request");
      r.assignee_id = who->id;
      r.assignee_name = who->display_name;
      e.note = who->display_name + (in.note.empty() ? "" : "：" + in.note);
    }
    if (action == "rate") {
      if (!in.rating || *in.rating < 1 || *in.rating > 5)
        return invalidArgument("rating", "rate from 1 to 5");
      r.rating = *in.rating;
      r.rating_comment = in.comment;
      e.note = std::to_string(*in.rating) + "★" + (in.comment.empty() ? "" : " " + in.comment);
    }
    if (action == "wait") r.paused_at = now;
    if (action == "resume" && r.paused_at) {
      // The clock stood still: each deadline keeps the working time it had left.
      LINLI_ASSIGN_OR_RETURN(auto cal, repo::calendar(tx, r.place.street_id));
      auto shift = [&](TimeMs due) { return cal.add(now, cal.between(*r.paused_at, due)); };
      r.response_due = shift(r.response_due);
      r.resolve_due = shift(r.resolve_due);
      if (r.next_escalation_at) r.next_escalation_at = shift(*r.next_escalation_at);
      r.paused_at.reset();
    }
    if (action == "reopen") {
      const TimeMs ended = r.closed_at.value_or(r.resolved_at.value_or(now));
      if (now > ended + loop_.reopen_days * kDayMs)
        return conflict("a request can be reopened within " + std::to_string(loop_.reopen_days) +
                            " days of its end; please file a new one",
                        "action");
    }
    if (action == "reopen") {
      // A fresh resolution window and no escalation yet.
      LINLI_ASSIGN_OR_RETURN(auto cal, repo::calendar(tx, r.place.street_id));
      int hours = 120;
      if (r.category) {
        LINLI_ASSIGN_OR_RETURN(auto cat, repo::findCategory(tx, *r.category));
        if (cat) hours = cat->resolve_hours;
      }
      r.resolve_due = cal.add(now, hours * kHourMs);
      r.escalation_level = 0;
      r.escalation_color.clear();
      r.next_escalation_at = r.resolve_due;
      r.warned = false;
    }
    if (action == "categorize") {
      if (!in.category) return invalidArgument("category", "choose the right category");
      LINLI_ASSIGN_OR_RETURN(auto cat, repo::findCategory(tx, *in.category));
      if (!cat) return invalidArgument("category", "no such category: " + *in.category);
      e.note = (r.category_name.empty() ? "未分类" : r.category_name) + " → " + cat->name;
      r.category = cat->code;
      r.category_name = cat->name;
      LINLI_TRY(repo::setCategory(tx, r.id, cat->code));
    }
    if (action == "link") {
      if (!in.duplicate_of || *in.duplicate_of == r.id)
        return invalidArgument("duplicate_of", "choose the request this one repeats");
      auto first = visible(tx, caller, *in.duplicate_of);
      if (!first.ok() || !isOpen(first->status) || first->duplicate_of)
        return invalidArgument("duplicate_of", "no such open request to link to");
      LINLI_TRY(repo::setDuplicateOf(tx, r.id, first->id));
      r.duplicate_of = first->id;
      e.note = first->number;
    }
    if (action == "report_in") {
      LINLI_ASSIGN_OR_RETURN(auto current, repo::currentEscalation(tx, r.id));
      if (!current || current->reported_at)
        return conflict("nobody is waiting for a report-in on this request", "action");
      LINLI_TRY(repo::markReportedIn(tx, current->id, now, caller.principal->user_id));
      r.reported_in = true;
      e.note = current->called + (in.note.empty() ? "" : "：" + in.note);
    }
    if (action == "resolve") r.resolved_at = now;
    if (*next == "closed") r.closed_at = now;
    if (action == "reopen") {
      r.resolved_at.reset();
      r.closed_at.reset();
    }
    r.status = *next;
    LINLI_TRY(repo::updateRequest(tx, r, now));
    // Keep each person's open work right: it left the old hands, or the work ended or began again.
    const bool is_open = isOpen(r.status);
    if (had_assignee && was_open && (!is_open || r.assignee_id != had_assignee))
      LINLI_TRY(repo::adjustLoad(tx, *had_assignee, -1, r.created_at));
    if (r.assignee_id && is_open && (!was_open || r.assignee_id != had_assignee))
      LINLI_TRY(repo::adjustLoad(tx, *r.assignee_id, +1, r.created_at));
    if (action == "resume" || action == "reopen") LINLI_TRY(scheduleDeadlines(tx, r));
    if (action == "resolve" && scheduler_)
      LINLI_TRY(scheduler_
                    ->schedule(tx, kAutoCloseJob, std::to_string(r.id),
                               now + loop_.auto_close_days * kDayMs)
                    .status());
    LINLI_TRY(repo::addEvent(tx, e, r.id));
    if (r.status == "resolved" || r.status == "closed") LINLI_TRY(settleDuplicates(tx, r, now));
    if (action == "rate" && *r.rating <= loop_.low_rating) {
      // A low rating: someone from the community goes back and listens (回访).
      LINLI_ASSIGN_OR_RETURN(auto visitor, pickAssignee(tx, "community", r.place));
      Followup f{.request_id = r.id,
                 .assignee_id = visitor ? std::optional(visitor->id) : r.assignee_id,
                 .created_at = now,
                 .due_at = now + loop_.followup_days * kDayMs};
      LINLI_TRY(repo::addFollowup(tx, f));
      LINLI_TRY(repo::addEvent(tx,
                               {.at = now,
                                .kind = "followup_planned",
                                .note = visitor ? visitor->display_name : r.assignee_name},
                               r.id));
    }
    if (audit_)
      LINLI_TRY(audit_->record(tx, caller,
                               {.action = "requests." + action,
                                .target_type = "request",
                                .target_id = std::to_string(r.id),
                                .detail = {{"from", *e.from}, {"to", r.status}}}));
    return r;
  });
  // A correction teaches the classifier.
  if (acted.ok() && action == "categorize")
    learn(acted->description, acted->category, acted->priority);
  return acted;
}

Result<std::optional<auth::User>> RequestService::declineTarget(storage::Tx& tx, const Request& r,
                                                                int64_t me) {
  LINLI_ASSIGN_OR_RETURN(auto by, repo::lastAssigner(tx, r.id, me));
  if (by) {
    LINLI_ASSIGN_OR_RETURN(auto who, auth_.userById(tx, *by));
    if (who && !who->disabled && access::allowed(who->role, "requests.handle")) return who;
  }
  return pickAssignee(tx, "community", r.place, me);
}

Result<std::optional<Escalation>> RequestService::currentEscalation(const Caller& caller,
                                                                    int64_t id) {
  LINLI_TRY(access::require(caller, "requests.read"));
  return storage::readResult<std::optional<Escalation>>(
      db_, [&](storage::Tx& tx) -> Result<std::optional<Escalation>> {
        LINLI_TRY(visible(tx, caller, id).status());
        return repo::currentEscalation(tx, id);
      });
}

Result<std::vector<std::pair<CivilDate, std::string>>> RequestService::businessDays(
    const Caller& caller, int year) {
  LINLI_TRY(access::require(caller, "requests.read"));
  return storage::readResult<std::vector<std::pair<CivilDate, std::string>>>(
      db_,
      [&](storage::Tx& tx) { return repo::businessDays(tx, caller.principal->street_id, year); });
}

Status RequestService::setBusinessDay(const Caller& caller, const CivilDate& date,
                                      const std::string& kind) {
  LINLI_TRY(access::require(caller, "requests.configure"));
  if (kind != "holiday" && kind != "workday" && kind != "normal")
    return invalidArgument("kind", "kind is holiday, workday or normal");
  Status st = db_.write([&](storage::Tx& tx) -> Status {
    LINLI_TRY(repo::setBusinessDay(tx, caller.principal->street_id, date, kind));
    if (!audit_) return Status::Ok();
    return audit_->record(tx, caller,
                          {.action = "requests.calendar",
                           .target_type = "business_day",
                           .target_id = formatDate(date),
                           .detail = {{"kind", kind}}});
  });
  filing_references_.invalidate();
  return st;
}

Result<std::vector<EscalationLevel>> RequestService::escalationLevels(const Caller& caller) {
  LINLI_TRY(access::require(caller, "requests.read"));
  return storage::readResult<std::vector<EscalationLevel>>(
      db_, [&](storage::Tx& tx) { return repo::escalationLevels(tx); });
}

Status RequestService::warnDue(storage::Tx& tx, int64_t request_id) {
  LINLI_ASSIGN_OR_RETURN(auto r, repo::findRequest(tx, request_id));
  const TimeMs now = clock_.now();
  if (!r || !isOpen(r->status) || r->paused_at || r->warned || r->resolve_due <= now)
    return Status::Ok();
  r->warned = true;
  LINLI_TRY(repo::updateRequest(tx, *r, now));
  if (notifier_ && r->assignee_id)
    LINLI_TRY(notifier_->toUser(tx, *r->assignee_id, "requests.warn",
                                {{"number", r->number},
                                 {"category", r->category_name},
                                 {"due", formatIso8601(r->resolve_due)}},
                                "/requests/" + std::to_string(r->id)));
  return repo::addEvent(tx,
                        {.at = now,
                         .kind = "warn",
                         .note = "即将超时：" + formatIso8601(r->resolve_due),
                         .internal = true},
                        r->id);
}

Status RequestService::escalateDue(storage::Tx& tx, int64_t request_id) {
  LINLI_ASSIGN_OR_RETURN(auto found, repo::findRequest(tx, request_id));
  if (!found) return Status::Ok();
  Request& r = *found;
  const TimeMs now = clock_.now();
  // Resolved, paused (resuming schedules again) or no further level: nothing to do.
  if (!isOpen(r.status) || r.paused_at || !r.next_escalation_at) return Status::Ok();
  if (*r.next_escalation_at > now) return scheduleDeadlines(tx, r);  // the deadline moved
  LINLI_ASSIGN_OR_RETURN(auto levels, repo::escalationLevels(tx));
  auto level = std::find_if(levels.begin(), levels.end(), [&](const EscalationLevel& l) {
    return l.level == r.escalation_level + 1;
  });
  if (level == levels.end()) {
    r.next_escalation_at.reset();
    return repo::updateRequest(tx, r, now);
  }
  LINLI_ASSIGN_OR_RETURN(auto cal, repo::calendar(tx, r.place.street_id));
  Escalation e{.level = level->level,
               .color = level->color,
               .called = level->called,
               .at = now,
               .report_in_due = cal.add(now, level->report_in_hours * kHourMs)};
  LINLI_TRY(repo::addEscalation(tx, r.id, e));
  const bool more = std::next(level) != levels.end();
  r.escalation_level = level->level;
  r.escalation_color = level->color;
  r.reported_in = false;
  r.next_escalation_at = more ? std::optional<TimeMs>(e.report_in_due) : std::nullopt;
  LINLI_TRY(repo::updateRequest(tx, r, now));
  LINLI_TRY(
      repo::addEvent(tx, {.at = now, .kind = "escalate", .note = e.color + "：" + e.called}, r.id));
  if (notifier_ && r.assignee_id)  // urgent: also in quiet hours
    LINLI_TRY(notifier_->toUser(tx, *r.assignee_id, "requests.escalated",
                                {{"number", r.number},
                                 {"color", e.color == "blue"     ? "蓝色"
                                           : e.color == "yellow" ? "黄色"
                                           : e.color == "red"    ? "红色"
                                                                 : e.color},
                                 {"called", e.called},
                                 {"report_in_due", formatIso8601(e.report_in_due)}},
                                "/requests/" + std::to_string(r.id), true));
  if (audit_)
    LINLI_TRY(audit_->record(tx, Caller{std::nullopt, "scheduler", "escalation"},
                             {.action = "requests.escalate",
                              .target_type = "request",
                              .target_id = std::to_string(r.id),
                              .detail = {{"level", e.level}, {"color", e.color}},
                              .actor_username = "scheduler",
                              .actor_place = Principal{.street_id = r.place.street_id,
                                                       .community_id = r.place.community_id,
                                                       .grid_id = r.place.grid_id}}));
  return scheduleDeadlines(tx, r);
}

Status RequestService::autoCloseDue(storage::Tx& tx, int64_t request_id) {
  LINLI_ASSIGN_OR_RETURN(auto r, repo::findRequest(tx, request_id));
  const TimeMs now = clock_.now();
  if (!r || r->status != "resolved" || !r->resolved_at ||
      *r->resolved_at + loop_.auto_close_days * kDayMs > now)
    return Status::Ok();  // rated, reopened, or resolved again later
  const std::string from = r->status;
  r->status = "closed";
  r->closed_at = now;
  LINLI_TRY(repo::updateRequest(tx, *r, now));
  LINLI_TRY(repo::addEvent(
      tx,
      {.at = now, .kind = "close", .from = from, .to = "closed", .note = "逾期未评价，自动关闭"},
      r->id));
  return settleDuplicates(tx, *r, now);
}

Result<std::vector<Followup>> RequestService::followups(const Caller& caller, bool mine,
                                                        bool open_only) {
  LINLI_TRY(access::require(caller, "requests.handle"));
  const Principal& me = *caller.principal;
  repo::Visibility v;
  if (isDepartment(caller))
    v.assignee_id = me.user_id;
  else
    v.place = access::placeOf(me);
  return storage::readResult<std::vector<Followup>>(db_, [&](storage::Tx& tx) {
    return repo::followups(tx, v, mine ? std::optional(me.user_id) : std::nullopt, open_only);
  });
}

Status RequestService::finishFollowup(const Caller& caller, int64_t followup_id,
                                      const std::string& note) {
  LINLI_TRY(access::require(caller, "requests.handle"));
  if (note.empty()) return invalidArgument("note", "say what the resident told you");
  return db_.write([&](storage::Tx& tx) -> Status {
    LINLI_ASSIGN_OR_RETURN(auto f, repo::findFollowup(tx, followup_id));
    if (!f) return notFound("follow-up not found");
    auto r = visible(tx, caller, f->request_id);
    if (!r.ok() || !handles(caller, *r)) return notFound("follow-up not found");
    if (f->done_at) return conflict("this follow-up was recorded already", "id");
    const TimeMs now = clock_.now();
    LINLI_TRY(repo::finishFollowup(tx, f->id, now, note));
    return repo::addEvent(
        tx, {.at = now, .kind = "followup", .actor_id = caller.principal->user_id, .note = note},
        f->request_id);
  });
}

Status RequestService::settleDuplicates(storage::Tx& tx, const Request& first, TimeMs now) {
  LINLI_ASSIGN_OR_RETURN(auto ids, repo::unsettledDuplicatesOf(tx, first.id));
  for (int64_t id : ids) {
    LINLI_ASSIGN_OR_RETURN(auto dup, repo::findRequest(tx, id));
    if (!dup || dup->status == first.status) continue;
    const std::string from = dup->status;
    const bool was_open = isOpen(from);
    dup->status = first.status;
    dup->resolved_at = first.resolved_at.value_or(now);
    if (first.status == "closed") dup->closed_at = now;
    LINLI_TRY(repo::updateRequest(tx, *dup, now));
    if (dup->assignee_id && was_open)
      LINLI_TRY(repo::adjustLoad(tx, *dup->assignee_id, -1, dup->created_at));
    LINLI_TRY(repo::addEvent(tx,
                             {.at = now,
                              .kind = first.status == "closed" ? "close" : "resolve",
                              .from = from,
                              .to = dup->status,
                              .note = "随 " + first.number + " 一并办结"},
                             dup->id));
  }
  return Status::Ok();
}

Result<std::vector<DuplicateCandidate>> RequestService::possibleDuplicates(const Caller& caller,
                                                                           int64_t id) {
  LINLI_TRY(access::require(caller, "requests.read"));
  return storage::readResult<std::vector<DuplicateCandidate>>(
      db_, [&](storage::Tx& tx) -> Result<std::vector<DuplicateCandidate>> {
        LINLI_ASSIGN_OR_RETURN(Request r, visible(tx, caller, id));
        if (isResident(caller) || r.duplicate_of || !isOpen(r.status))
          return std::vector<DuplicateCandidate>();
        LINLI_ASSIGN_OR_RETURN(auto found,
                               repo::duplicateCandidates(
                                   tx, r, r.created_at - loop_.duplicate_window_hours * kHourMs));
        std::vector<DuplicateCandidate> out;
        for (const auto& c : found)
          if (c.id < r.id && visible(tx, caller, c.id).ok()) out.push_back(c);
        return out;
      });
}

}  // namespace linli::requests
