// The actions of reports and the roles that hold them, at which scope (access.h).
#include "reports/reports.h"

namespace linli::reports {

std::vector<access::Rule> grants() {
  return {
      {"street_admin", "reports.run", "street"},
      {"community_admin", "reports.run", "community"},
      {"community_staff", "reports.run", "community"},
      {"grid_worker", "reports.run", "grid"},
  };
}

}  // namespace linli::reports
