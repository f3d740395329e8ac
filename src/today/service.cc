// Today's work per role (today.h). Every count is the `total` of the list
// function the linked page calls with the same filter.
#include "access/access.h"
#include "today/today.h"

namespace linli::today {

namespace {

bool may(const Caller& c, const char* action) { return access::allowed(c.principal->role, action); }

requests::RequestQuery query(int page_size = 1) {
  requests::RequestQuery q;
  q.page_size = page_size;
  return q;
}

}  // namespace

TodayService::TodayService(requests::RequestService& requests, visits::VisitService& visits,
                           reminders::ReminderService& reminders,
                           notify::NotificationService& notify, registry::Registry& registry)
    : requests_(requests),
      visits_(visits),
      reminders_(reminders),
      notify_(notify),
      registry_(registry) {}

Result<Today> TodayService::forCaller(const Caller& caller) {
  if (!caller.principal) return Status(Code::kUnauthenticated, "login required");
  Today t{.role = caller.principal->role, .now = requests_.now()};
  if (may(caller, "requests.read")) LINLI_TRY(addRequests(caller, t));
  if (may(caller, "requests.assign")) LINLI_TRY(addOversight(caller, t));
  // Visits and reminders are a community's and a grid's daily work; the street
  // reads them in their own pages (its whole due list is a report of its own).
  const bool local = caller.principal->community_id.has_value();
  if (local && may(caller, "visits.read")) LINLI_TRY(addVisits(caller, t));
  if (local && may(caller, "reminders.read")) LINLI_TRY(addReminders(caller, t));
  LINLI_ASSIGN_OR_RETURN(int64_t unread, notify_.unreadCount(caller));
  t.items.push_back({.key = "unread_messages", .count = unread, .link = "/notifications"});
  return t;
}

// My requests: assigned to me (staff, departments) or filed by me (residents),
// open ones by deadline; what is new to me; what is overdue.
Status TodayService::addRequests(const Caller& caller, Today& t) {
  const bool resident = caller.principal->role == "resident";
  requests::RequestQuery mine = query(5);
  mine.mine = true;
  if (!resident) mine.open = true;
  LINLI_ASSIGN_OR_RETURN(auto page, requests_.list(caller, mine));
  t.items.push_back({.key = resident ? "my_requests" : "my_open",
                     .count = page.total,
                     .link = resident ? "/requests?mine=1" : "/requests?mine=1&open=1"});
  t.requests = std::move(page.items);
  t.requests_link = t.items.back().link;
  if (resident) return Status::Ok();
  auto count = [&](void (*set)(requests::RequestQuery&), const char* key, const char* link,
                   bool alert) -> Status {
    requests::RequestQuery q = query();
    q.mine = true;
    set(q);
    LINLI_ASSIGN_OR_RETURN(auto p, requests_.list(caller, q));
    t.items.push_back({.key = key, .count = p.total, .link = link, .alert = alert});
    return Status::Ok();
  };
  LINLI_TRY(count([](requests::RequestQuery& q) { q.unreceived = true; }, "new_work",
                  "/requests?mine=1&unreceived=1", false));
  LINLI_TRY(count([](requests::RequestQuery& q) { q.overdue = true; }, "my_overdue",
                  "/requests?mine=1&overdue=1", true));
  LINLI_TRY(count([](requests::RequestQuery& q) { q.awaiting_report_in = true; }, "my_report_in",
                  "/requests?mine=1&awaiting_report_in=1", true));
  if (may(caller, "requests.handle")) {
    LINLI_ASSIGN_OR_RETURN(auto followups, requests_.followups(caller, true, true));
    t.items.push_back({.key = "followups",
                       .count = static_cast<int64_t>(followups.size()),
                       .link = "/requests/followups"});
  }
  return Status::Ok();
}

// For whoever assigns: the area's overdue, escalated and not yet received
// requests; in a community each handler's work, at the street each community.
Status TodayService::addOversight(const Caller& caller, Today& t) {
  auto count = [&](void (*set)(requests::RequestQuery&), const char* key, const char* link,
                   bool alert) -> Status {
    requests::RequestQuery q = query();
    set(q);
    LINLI_ASSIGN_OR_RETURN(auto p, requests_.list(caller, q));
    t.items.push_back({.key = key, .count = p.total, .link = link, .alert = alert});
    return Status::Ok();
  };
  LINLI_TRY(count([](requests::RequestQuery& q) { q.overdue = true; }, "area_overdue",
                  "/requests?overdue=1", true));
  LINLI_TRY(count([](requests::RequestQuery& q) { q.escalated = true; }, "area_escalated",
                  "/requests?escalated=1", true));
  LINLI_TRY(count([](requests::RequestQuery& q) { q.awaiting_report_in = true; }, "area_report_in",
                  "/requests?awaiting_report_in=1", true));
  LINLI_TRY(count([](requests::RequestQuery& q) { q.unreceived = true; }, "area_unreceived",
                  "/requests?unreceived=1", false));
  if (caller.principal->community_id) {
    LINLI_ASSIGN_OR_RETURN(t.people, requests_.workload(caller));
    return Status::Ok();
  }
  LINLI_ASSIGN_OR_RETURN(auto loads, requests_.byCommunity(caller));
  LINLI_ASSIGN_OR_RETURN(auto tree, registry_.placesTree(caller));
  for (const auto& street : tree["streets"])
    for (const auto& c : street["communities"]) {
      CommunityGlance g{.id = std::stoll(c["id"].get<std::string>()),
                        .name = c["name"].get<std::string>()};
      for (const auto& l : loads)
        if (l.community_id == g.id) g.load = l;
      g.load.community_id = g.id;
      t.communities.push_back(std::move(g));
    }
  return Status::Ok();
}

// Visits due today (overdue ones included: the due list leads with them), and
// for whoever oversees, the missed ones.
Status TodayService::addVisits(const Caller& caller, Today& t) {
  LINLI_ASSIGN_OR_RETURN(auto due, visits_.due(caller, std::nullopt, 1, 1, true));
  const int64_t due_today = due.total, overdue = due.overdue;
  t.items.push_back({.key = "visits_due", .count = due_today, .link = "/visits?due=today"});
  if (may(caller, "requests.assign"))
    t.items.push_back({.key = "visits_missed", .count = overdue, .link = "/visits", .alert = true});
  return Status::Ok();
}

// Reminders waiting to be confirmed (told to the residents), and overdue inspections.
Status TodayService::addReminders(const Caller& caller, Today& t) {
  LINLI_ASSIGN_OR_RETURN(auto open, reminders_.list(caller, true));
  int64_t to_confirm = 0, overdue = 0;
  for (const auto& r : open) {
    if (!r.confirmed_at) ++to_confirm;
    if (r.kind == "overdue") ++overdue;
  }
  t.items.push_back({.key = "reminders_to_confirm", .count = to_confirm, .link = "/reminders"});
  if (may(caller, "requests.assign"))
    t.items.push_back(
        {.key = "inspections_overdue", .count = overdue, .link = "/reminders", .alert = true});
  return Status::Ok();
}

}  // namespace linli::today
