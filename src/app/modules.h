// The room list: every room linli is built from, listed once. The order here
// does not matter (buildAll orders by needs); it is the order the permission
// table lists grants in.
#pragma once

#include <vector>

#include "access/access.h"
#include "app/app.h"
#include "module/module.h"

namespace linli::app {

std::vector<module::RoomDef> allRooms(const AppOptions& options);
// Every room's grants, for access::install.
std::vector<access::Rule> allGrants();

}  // namespace linli::app
