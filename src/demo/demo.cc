#include "demo/demo.h"

#include <map>

#include "demo/history.h"
#include "demo/population.h"
#include "demo/request_texts.h"
#include "requests/national_calendar.h"

namespace linli::demo {

namespace {

struct Places {
  int64_t street = 0;
  std::map<std::string, int64_t> communities;  // code → id
  std::vector<int64_t> grids;                  // in plan order
  std::vector<HistoryPlace> paths;             // each grid's, in plan order
};

Result<Places> createPlaces(storage::Db& db, registry::Registry& registry) {
  return storage::writeResult<Places>(db, [&](storage::Tx& tx) -> Result<Places> {
    Places p;
    LINLI_ASSIGN_OR_RETURN(p.street, registry.addStreet(tx, "330106001000", "幸福街道"));
    for (const auto& g : streetPlan()) {
      auto it = p.communities.find(g.community_code);
      if (it == p.communities.end()) {
        LINLI_ASSIGN_OR_RETURN(
            int64_t id, registry.addCommunity(tx, p.street, g.community_code, g.community_name));
        it = p.communities.emplace(g.community_code, id).first;
      }
      LINLI_ASSIGN_OR_RETURN(int64_t grid,
                             registry.addGrid(tx, it->second, g.grid_code, g.grid_name));
      p.grids.push_back(grid);
      p.paths.push_back({{p.street, it->second, grid}, g.community_name});
    }
    return p;
  });
}

// The past year's requests (demo/history.h), written in bulk.
Result<int64_t> loadHistory(requests::RequestService& service, const Places& places,
                            const HistoryHandlers& handlers, const Clock& clock,
                            int64_t residents) {
  LINLI_ASSIGN_OR_RETURN(auto categories, service.publicCategories());
  return service.recordHistory(
      pastRequests(historySize(residents), clock.now(), places.paths, categories, handlers));
}

}  // namespace

namespace {

// Files `n` requests and moves four in five of them to the end of their life.
Result<int64_t> loadRequests(requests::RequestService& service, const Principal& hotline,
                             const Principal& resident, int64_t n) {
  const Caller by_hotline{hotline, "demo", "demo"}, by_resident{resident, "demo", "demo"};
  int64_t filed = 0;
  for (const auto& t : requestTexts(static_cast<size_t>(n))) {
    const bool own = filed % 3 == 0;
    requests::NewRequest in;
    in.category = t.category;
    in.priority = t.priority;
    in.description = t.text;
    if (!own) in.contact_name = "来电居民";
    LINLI_ASSIGN_OR_RETURN(auto r, service.file(own ? by_resident : by_hotline, in));
    ++filed;
    if (filed % 5 == 0) continue;          // still open
    if (r.status != "assigned") continue;  // nobody works that grid: left for dispatch
    LINLI_TRY(service.act(by_hotline, r.id, "start", {}).status());
    LINLI_TRY(service.act(by_hotline, r.id, "resolve", {.note = "已现场处理"}).status());
    if (own)
      LINLI_TRY(
          service.act(by_resident, r.id, "rate", {.comment = "处理及时", .rating = 5}).status());
    else
      LINLI_TRY(service.act(by_hotline, r.id, "close", {}).status());
  }
  return filed;
}

}  // namespace

Result<DemoResult> loadDemo(storage::Db& db, registry::Registry& registry, auth::AuthService& auth,
                            const Clock& clock, int64_t residents,
                            requests::RequestService* requests, int64_t request_count,
                            bool with_history) {
  LINLI_ASSIGN_OR_RETURN(Places places, createPlaces(db, registry));
  const int64_t first_community = places.communities.at("330106001001");
  struct Spec {
    const char* username;
    const char* display_name;
    const char* role;
    Scope scope;
  };
  const Spec specs[] = {
      {"street_admin", "李街道", "street_admin", {ScopeKind::kStreet, places.street}},
      {"community_admin", "张书记", "community_admin", {ScopeKind::kCommunity, first_community}},
      {"community_staff", "陈社工", "community_staff", {ScopeKind::kCommunity, first_community}},
      {"grid_worker", "王网格", "grid_worker", {ScopeKind::kGrid, places.grids[0]}},
      {"department", "赵城管", "department", {ScopeKind::kStreet, places.street}},
      {"org", "阳光社工服务中心", "org", {ScopeKind::kStreet, places.street}},
      {"volunteer", "刘志愿", "volunteer", {ScopeKind::kCommunity, first_community}},
      {"resident", "周居民", "resident", {ScopeKind::kGrid, places.grids[0]}},
  };
  DemoResult out;
  std::optional<Principal> street_admin, grid_worker, resident;
  int64_t resident_user = 0;
  HistoryHandlers handlers{.worker_grid = places.grids[0], .staff_community = first_community};
  for (const Spec& s : specs) {
    LINLI_ASSIGN_OR_RETURN(
        auto user, auth.addUserAsOperator(
                       auth::NewUser{s.username, s.display_name, kDemoPassword, s.role, s.scope}));
    if (user.role == "street_admin") street_admin = auth::principalOf(user);
    if (user.role == "grid_worker") grid_worker = auth::principalOf(user);
    const HistoryHandler handler{user.id, user.display_name};
    if (user.role == "grid_worker") handlers.grid_worker = handler;
    if (user.role == "community_staff") handlers.community_staff = handler;
    if (user.role == "community_admin") handlers.community_admin = handler;
    if (user.role == "department") handlers.department = handler;
    if (user.role == "resident") {
      resident = auth::principalOf(user);
      resident_user = user.id;
    }
    out.accounts.push_back({user.username, user.role, user.scope_name});
  }
  if (requests) {  // the street starts with the national holidays, as a new street would
    Caller admin{street_admin, "demo", "demo"};
    for (const auto& d : requests::nationalCalendar())
      LINLI_TRY(requests->setBusinessDay(admin, d.date, d.kind));
  }
  if (requests && request_count > 0) {
    LINLI_ASSIGN_OR_RETURN(out.requests,
                           loadRequests(*requests, *grid_worker, *resident, request_count));
  }
  if (requests && with_history) {
    LINLI_ASSIGN_OR_RETURN(out.history, loadHistory(*requests, places, handlers, clock, residents));
  }
  if (residents <= 0) return out;

  // The population is loaded by the street admin, through the same doors a person uses.
  Population population = generatePopulation(residents, dateAt(clock.now()));
  Caller caller{street_admin, "demo", "demo"};
  LINLI_ASSIGN_OR_RETURN(
      auto imported, registry.importResidents(caller, *registry::rowsSource(population.residents),
                                              {.source = "demo"}));
  if (!imported.errors.empty())
    return internalError("demo row " + std::to_string(imported.errors.front().row) + ": " +
                         imported.errors.front().reason);
  out.residents = imported.created;
  LINLI_ASSIGN_OR_RETURN(out.assets, registry.importAssets(caller, population.assets));
  // 周居民's account is one of the registry's residents of the first grid.
  LINLI_ASSIGN_OR_RETURN(
      auto first, registry.listResidents(caller, {.grid_id = places.grids[0], .page_size = 1}));
  if (!first.items.empty()) LINLI_TRY(auth.linkResident(resident_user, first.items.front().id));
  return out;
}

}  // namespace linli::demo
