// The actions of visits and the roles that hold them, at which scope (access.h).
#include "visits/visits.h"

namespace linli::visits {

std::vector<access::Rule> grants() {
  return {
      // Carried over from registry.read, registry.write and requests.assign.
      {"street_admin", "visits.read", "street"},
      {"community_admin", "visits.read", "community"},
      {"community_staff", "visits.read", "community"},
      {"grid_worker", "visits.read", "grid"},
      {"street_admin", "visits.record", "street"},
      {"community_admin", "visits.record", "community"},
      {"community_staff", "visits.record", "community"},
      {"grid_worker", "visits.record", "grid"},
      {"street_admin", "visits.rules", "street"},
      {"community_admin", "visits.rules", "community"},
      {"community_staff", "visits.rules", "community"},
  };
}

}  // namespace linli::visits
