// The actions of audit and the roles that hold them, at which scope (access.h).
#include "audit/audit.h"

namespace linli::audit {

std::vector<access::Rule> grants() {
  return {
      {"street_admin", "audit.read", "street"},
      {"community_admin", "audit.read", "community"},
  };
}

}  // namespace linli::audit
