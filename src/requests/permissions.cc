// The actions of requests and the roles that hold them, at which scope (access.h).
#include "requests/requests.h"

namespace linli::requests {

std::vector<access::Rule> grants() {
  return {
      {"street_admin", "requests.file", "street"},
      {"community_admin", "requests.file", "community"},
      {"community_staff", "requests.file", "community"},
      {"grid_worker", "requests.file", "grid"},
      {"resident", "requests.file", "own"},
      {"street_admin", "requests.read", "street"},
      {"community_admin", "requests.read", "community"},
      {"community_staff", "requests.read", "community"},
      {"grid_worker", "requests.read", "grid"},
      {"department", "requests.read", "assigned"},
      {"resident", "requests.read", "own"},
      {"street_admin", "requests.handle", "street"},
      {"community_admin", "requests.handle", "community"},
      {"community_staff", "requests.handle", "community"},
      {"grid_worker", "requests.handle", "grid"},
      {"department", "requests.handle", "assigned"},
      {"street_admin", "requests.assign", "street"},
      {"community_admin", "requests.assign", "community"},
      {"community_staff", "requests.assign", "community"},
      {"street_admin", "requests.configure", "street"},
      // The classifier's category keywords, for the whole street.
      {"street_admin", "requests.keywords", "street"},
  };
}

}  // namespace linli::requests
