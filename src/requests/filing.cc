// Filing a request: the input's one check (request_input.h), then everything
// other writers do not change is read before the write transaction (the place
// from the registry, the category, the street's calendar and the unit's people,
// cached per category, place and day), so the single writer only numbers the
// request, picks the least-loaded person and writes it with its timeline and
// audit line. A retry with the same idempotency key (per filer) returns the
// first request; only a fresh one teaches the classifier.
#include <future>

#include "access/access.h"
#include "common/civil_date.h"
#include "personal/personal_data.h"
#include "requests/internal.h"
#include "requests/repo.h"
#include "requests/request_input.h"
#include "requests/requests.h"

namespace linli::requests {

namespace {
std::string yyyymmdd(TimeMs at) {
  CivilDate d = dateAt(at);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
  return buf;
}
}  // namespace

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

  // Contact: a resident is named and reached as the registry knows them (the
  // handler calls back); staff give the caller's.
  r.contact_name = in.contact_name.empty() ? me.username : in.contact_name;
  if (isResident(caller)) {
    LINLI_TRY(db_.read([&](storage::Tx& tx) -> Status {
      LINLI_ASSIGN_OR_RETURN(auto resident, auth_.linkedResident(tx, me.user_id));
      if (!resident) return Status::Ok();
      LINLI_ASSIGN_OR_RETURN(auto contact, registry_.residentContact(tx, *resident));
      if (!contact) return Status::Ok();
      r.contact_name = contact->name;
      if (!in.contact_phone && contact->phone_sealed) {
        plan.contact_phone_sealed = contact->phone_sealed;
        r.contact_phone_last4 = contact->phone_last4;
      }
      return Status::Ok();
    }));
  }
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
  if (Status allowed = access::require(caller, "requests.file"); !allowed.ok())
    return done(allowed);
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
    if (assignee->id == me.user_id) r.received_at = now;  // what they just typed is not new to them
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
  if (assignee) LINLI_TRY(speak(tx, r, LoopStep::kNewWork, me.user_id));
  // Typed by its own handler (a hotline call): received at once, and the caller told so.
  if (r.received_at) LINLI_TRY(speak(tx, r, LoopStep::kReceived, me.user_id));
  if (audit_)
    LINLI_TRY(audit_->record(tx, caller,
                             {.action = "requests.file",
                              .target_type = "request",
                              .target_id = std::to_string(r.id),
                              .detail = {{"number", r.number}, {"channel", r.channel}}}));
  fresh = true;
  return r;
}

}  // namespace linli::requests
