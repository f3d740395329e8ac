// Today holds no action of its own: every section is read through its room's
// door, which checks that room's action and scope (today.h).
#include "today/today.h"

namespace linli::today {

std::vector<access::Rule> grants() { return {}; }

}  // namespace linli::today
