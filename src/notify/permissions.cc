// The actions of notify and the roles that hold them, at which scope (access.h).
// A user's own inbox and preferences need only self.read (auth's).
#include "notify/notify.h"

namespace linli::notify {

std::vector<access::Rule> grants() { return {}; }

}  // namespace linli::notify
