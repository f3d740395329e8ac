#include "demo/demo.h"

namespace linli::demo {

namespace {

struct Places {
  int64_t street = 0;
  std::vector<int64_t> communities;
  std::vector<int64_t> grids;  // grids of the first community first
};

}  // namespace

Result<std::vector<DemoAccount>> loadDemo(storage::Db& db, registry::Registry& registry,
                                          auth::AuthService& auth) {
  // 330106: a county-level code (GB/T 2260); 001 the street; 001.. the communities.
  static const char* kCommunities[] = {"和平社区", "友谊社区", "光明社区", "幸福里社区"};
  static const char* kGridNames[] = {"第一网格", "第二网格", "第三网格"};
  LINLI_ASSIGN_OR_RETURN(Places places, (storage::writeResult<Places>(db, [&](storage::Tx& tx)
                                                                          -> Result<Places> {
    Places p;
    LINLI_ASSIGN_OR_RETURN(p.street, registry.addStreet(tx, "330106001000", "幸福街道"));
    for (int c = 0; c < 4; ++c) {
      char code[16];
      std::snprintf(code, sizeof code, "330106001%03d", c + 1);
      LINLI_ASSIGN_OR_RETURN(int64_t community,
                             registry.addCommunity(tx, p.street, code, kCommunities[c]));
      p.communities.push_back(community);
      for (int g = 0; g < 3; ++g) {
        std::string grid_code = std::string(code) + "-" + std::to_string(g + 1);
        LINLI_ASSIGN_OR_RETURN(int64_t grid,
                               registry.addGrid(tx, community, grid_code,
                                                std::string(kCommunities[c]) + kGridNames[g]));
        p.grids.push_back(grid);
      }
    }
    return p;
  })));

  struct Spec {
    const char* username;
    const char* display_name;
    const char* role;
    Scope scope;
  };
  const Spec specs[] = {
      {"street_admin", "李街道", "street_admin", {ScopeKind::kStreet, places.street}},
      {"community_admin", "张书记", "community_admin",
       {ScopeKind::kCommunity, places.communities[0]}},
      {"community_staff", "陈社工", "community_staff",
       {ScopeKind::kCommunity, places.communities[0]}},
      {"grid_worker", "王网格", "grid_worker", {ScopeKind::kGrid, places.grids[0]}},
      {"department", "赵城管", "department", {ScopeKind::kStreet, places.street}},
      {"org", "阳光社工服务中心", "org", {ScopeKind::kStreet, places.street}},
      {"volunteer", "刘志愿", "volunteer", {ScopeKind::kCommunity, places.communities[0]}},
      {"resident", "周居民", "resident", {ScopeKind::kGrid, places.grids[0]}},
  };
  std::vector<DemoAccount> out;
  for (const Spec& s : specs) {
    LINLI_ASSIGN_OR_RETURN(auto user, auth.addUserAsOperator(auth::NewUser{
                                          s.username, s.display_name, kDemoPassword, s.role, s.scope}));
    out.push_back({user.username, user.role, user.scope_name});
  }
  return out;
}

}  // namespace linli::demo
