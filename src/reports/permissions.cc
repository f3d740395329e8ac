// The actions of reports and the roles that hold them, at which scope (access.h).
#include "reports/reports.h"

namespace linli::reports {

std::vector<access::Rule> grants() {
  return {
      {"street_admin", "reports.run", "street"},
      {"community_admin", "reports.run", "community"},
      {"community_staff", "reports.run", "community"},
      {"grid_worker", "reports.run", "grid"},
      // The call list (full phones): the community's secretary; the street
      // admin gives it to more roles of the street (call_list.cc), not to itself.
      {"community_admin", "reports.export_contacts", "community"},
      {"street_admin", "reports.grant_contacts", "street"},
  };
}

}  // namespace linli::reports
