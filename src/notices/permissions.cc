// The actions of notices and the roles that hold them, at which scope (access.h).
#include "notices/notices.h"

namespace linli::notices {

std::vector<access::Rule> grants() {
  return {
      {"street_admin", "notices.send", "street"},
      {"community_admin", "notices.send", "community"},
      {"community_staff", "notices.send", "community"},
      {"grid_worker", "notices.send", "grid"},
  };
}

}  // namespace linli::notices
