// Visits door (走访): regular visits to vulnerable residents, each with a
// file. Rules ("living alone and 80+: weekly", "disabled: monthly") are a
// smart-report filter and a period; the residents a rule selects in a grid
// make its worker's visit list, each due a period after their last visit (at
// once if never visited). A visit is recorded on a phone, and a concern found
// files a request (诉求) in the same step. A daily job alerts the community
// admin once per resident and due date when a visit is more than
// kMissedGraceDays late. Scopes are the smart report's: the caller's area.
#pragma once

#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "access/access.h"
#include "auth/auth.h"
#include "common/civil_date.h"
#include "module/module.h"
#include "notify/notify.h"
#include "registry/registry.h"
#include "reports/reports.h"
#include "requests/requests.h"
#include "scheduler/scheduler.h"

namespace linli::http {
class Router;
}

namespace linli::visits {

constexpr int kMissedGraceDays = 2;

struct Rule {
  int64_t id = 0;
  std::string name;
  nlohmann::json filter;
  int every_days = 7;
  bool active = true;
  std::optional<int64_t> community_id;
};
struct RulePatch {
  std::optional<std::string> name;
  std::optional<int> every_days;
  std::optional<bool> active;
};

struct DueVisit {
  int64_t resident_id = 0, household_id = 0;
  std::string name, address;
  int age = 0;
  std::vector<std::string> rules;
  int every_days = 0;  // the shortest period of the rules that select them
  std::optional<CivilDate> last_visit;
  CivilDate due_on;
  bool overdue = false;
};

// One page of a list in the caller's area, with the size of the whole list.
template <class T>
struct ListPage {
  std::vector<T> items;
  int64_t total = 0;
  int64_t overdue = 0;  // due list: how many of the whole list are overdue
};

struct NewVisit {
  int64_t resident_id = 0;
  std::optional<CivilDate> visited_on;  // default today
  std::string outcome;                  // met | not_home | refused
  std::string notes;
  std::optional<std::string> concern, concern_category;
  // A retry with the same key (per visitor) returns the first visit, and its
  // concern the same request.
  std::optional<std::string> idempotency_key;
};
struct Visit {
  int64_t id = 0, resident_id = 0;
  CivilDate visited_on;
  std::string outcome, notes, visitor_name;
  std::optional<int64_t> request_id;
  std::string request_number;
};

struct StaleResident {
  int64_t resident_id = 0;
  std::string name, address;
  std::optional<CivilDate> last_visit;
  std::optional<int> days_since;  // none: never visited
};

class VisitService {
 public:
  VisitService(storage::Db& db, const Clock& clock, auth::AuthService& auth,
               registry::Registry& registry, reports::ReportService& reports,
               requests::RequestService& requests, notify::NotificationService& notify);

  Result<std::vector<Rule>> rules(const Caller& caller);
  Result<Rule> addRule(const Caller& caller, const std::string& name, const nlohmann::json& filter,
                       int every_days);
  Result<Rule> patchRule(const Caller& caller, int64_t id, const RulePatch& patch);
  // Removes a rule (its past visits stay); a community may not remove the street's.
  Status removeRule(const Caller& caller, int64_t id);
  // Gives every street that never had them the default rules (at start).
  Status seedDefaultRules();

  // Soonest due first (overdue ones lead); page from 1, page_size 1–200;
  // `by_today`: only those due today or before (the home page's 今日走访).
  Result<ListPage<DueVisit>> due(const Caller& caller, std::optional<int64_t> grid_id, int page = 1,
                                 int page_size = 200, bool by_today = false);
  Result<Visit> record(const Caller& caller, const NewVisit& in);
  Result<std::vector<Visit>> history(const Caller& caller, int64_t resident_id);
  // Never visited first, then the longest ago.
  Result<ListPage<StaleResident>> stale(const Caller& caller, int days, int page = 1,
                                        int page_size = 200);

  // The daily job: for each community admin, the visits of their community
  // more than kMissedGraceDays late and not yet alerted (one digest); returns
  // the admins told. Alerts are unique per resident and due date, so a rerun
  // tells nobody twice.
  Result<int> alertMissed();

 private:
  // Every due visit within `caller`'s scope, soonest first (reads only); who
  // the residents are is left to fillResidents, for the page shown.
  Result<std::vector<DueVisit>> dueFor(const Caller& caller, std::optional<int64_t> grid_id);
  Status fillResidents(const Caller& caller, std::vector<DueVisit>& visits);
  // The default rules for a street created since start, once.
  Status ensureDefaults(int64_t street_id);
  std::mutex seeded_mutex_;
  std::set<int64_t> seeded_;  // streets known to have had their defaults
  storage::Db& db_;
  const Clock& clock_;
  auth::AuthService& auth_;
  registry::Registry& registry_;
  reports::ReportService& reports_;
  requests::RequestService& requests_;
  notify::NotificationService& notify_;
};

Status registerJobs(scheduler::Scheduler& scheduler, VisitService& visits, TimeMs now);
void registerRoutes(http::Router& router, VisitService& visits);

// The actions this module checks and which roles hold them (permissions.cc).
std::vector<access::Rule> grants();
// This module as a room of the composition root (module.cc).
module::RoomDef room();

}  // namespace linli::visits
