// Today door (今日待办): the home page — what the caller should do today, per
// role, each item with its count and the page it opens. A count is taken by
// the very list function that page uses (with the same filter), so the count
// equals the list it opens. Sections appear only for what the caller's role
// may read; each owning room checks its own action and scope.
//   grid worker: my open requests (new ones first marked, overdue), visits due
//     today, reminders to confirm, follow-ups (回访), unread messages;
//   community staff/admin: also the community's overdue, escalated and not yet
//     received requests, each handler's open work, missed visits, overdue inspections;
//   street admin: each community's open, overdue, escalated requests and this
//     month's satisfaction, escalations waiting for a report-in (报到) — no
//     visits or reminders (those are a community's and a grid's daily work);
//   department: requests handed to it and report-ins due; resident: my requests.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/scope.h"
#include "module/module.h"
#include "notify/notify.h"
#include "registry/registry.h"
#include "reminders/reminders.h"
#include "requests/requests.h"
#include "visits/visits.h"

namespace linli::http {
class Router;
}

namespace linli::today {

struct Item {
  std::string key;  // e.g. new_work, my_overdue, visits_due: the page's label
  int64_t count = 0;
  std::string link;    // the web page that lists exactly these
  bool alert = false;  // overdue, escalated, missed: shown in red when count > 0
};

struct CommunityGlance {
  int64_t id = 0;
  std::string name;
  requests::CommunityLoad load;
};

struct Today {
  std::string role;
  TimeMs now = 0;
  std::vector<Item> items;
  // The first requests of the caller's main list (mine, or the area's
  // overdue for whoever oversees), in that list's order, and its link.
  std::vector<requests::Request> requests;
  std::string requests_link;
  std::vector<requests::Workload> people;    // community: each handler's open work
  std::vector<CommunityGlance> communities;  // street
};

class TodayService {
 public:
  TodayService(requests::RequestService& requests, visits::VisitService& visits,
               reminders::ReminderService& reminders, notify::NotificationService& notify,
               registry::Registry& registry);
  Result<Today> forCaller(const Caller& caller);

 private:
  Status addRequests(const Caller& caller, Today& t);
  Status addOversight(const Caller& caller, Today& t);
  Status addVisits(const Caller& caller, Today& t);
  Status addReminders(const Caller& caller, Today& t);
  requests::RequestService& requests_;
  visits::VisitService& visits_;
  reminders::ReminderService& reminders_;
  notify::NotificationService& notify_;
  registry::Registry& registry_;
};

void registerRoutes(http::Router& router, TodayService& today);

// Today checks no action of its own: each section is its room's (permissions.cc).
std::vector<access::Rule> grants();
module::RoomDef room();

}  // namespace linli::today
