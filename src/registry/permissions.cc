// The actions of registry and the roles that hold them, at which scope (access.h).
#include "registry/registry.h"

namespace linli::registry {

std::vector<access::Rule> grants() {
  return {
      {"street_admin", "places.read", "street"},
      {"community_admin", "places.read", "community"},
      {"community_staff", "places.read", "community"},
      {"grid_worker", "places.read", "grid"},
      {"department", "places.read", "street"},
      {"org", "places.read", "street"},
      {"volunteer", "places.read", "community"},
      {"resident", "places.read", "grid"},
      {"street_admin", "registry.read", "street"},
      {"community_admin", "registry.read", "community"},
      {"community_staff", "registry.read", "community"},
      {"grid_worker", "registry.read", "grid"},
      {"street_admin", "registry.write", "street"},
      {"community_admin", "registry.write", "community"},
      {"community_staff", "registry.write", "community"},
      {"grid_worker", "registry.write", "grid"},
      {"street_admin", "registry.reveal", "street"},
      {"community_admin", "registry.reveal", "community"},
      {"grid_worker", "registry.reveal", "grid"},
      {"street_admin", "registry.import", "street"},
      {"community_admin", "registry.import", "community"},
      {"community_staff", "registry.import", "community"},
      {"street_admin", "registry.export", "street"},
      {"community_admin", "registry.export", "community"},
      // Communities and grids of the street; a community's secretary its grids
      // (and their workers, and moving buildings between them).
      {"street_admin", "places.manage", "street"},
      {"community_admin", "places.manage", "community"},
      {"street_admin", "tags.manage", "street"},
      {"community_admin", "tags.manage", "community"},
  };
}

}  // namespace linli::registry
