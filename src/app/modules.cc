#include "app/modules.h"

#include "demo/demo.h"
#include "open311/open311.h"
#include "today/today.h"

namespace linli::app {

std::vector<module::RoomDef> allRooms(const AppOptions& options) {
  return {
      audit::room(),    registry::room(),  auth::room(options.auth),
      reports::room(),  notify::room(),    notices::room(),
      requests::room(), open311::room({}), reminders::room(),
      visits::room(),   today::room(),     demo::room(),
  };
}

std::vector<access::Rule> allGrants() {
  std::vector<access::Rule> out;
  for (const auto& room : allRooms({}))
    if (room.grants)
      for (const auto& rule : room.grants()) out.push_back(rule);
  return out;
}

}  // namespace linli::app
