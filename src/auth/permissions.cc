// The actions of auth and the roles that hold them, at which scope (access.h).
#include "auth/auth.h"

namespace linli::auth {

std::vector<access::Rule> grants() {
  return {
      {"street_admin", "self.read", "own"},
      {"community_admin", "self.read", "own"},
      {"community_staff", "self.read", "own"},
      {"grid_worker", "self.read", "own"},
      {"department", "self.read", "own"},
      {"org", "self.read", "own"},
      {"volunteer", "self.read", "own"},
      {"resident", "self.read", "own"},
      {"street_admin", "users.read", "street"},
      {"community_admin", "users.read", "community"},
      {"community_staff", "users.read", "community"},
      {"street_admin", "users.manage", "street"},
      {"community_admin", "users.manage", "community"},
  };
}

}  // namespace linli::auth
