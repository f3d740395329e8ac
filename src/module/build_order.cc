#include <set>

#include "module/module.h"

namespace linli::module {

Result<Built> buildAll(const std::vector<RoomDef>& rooms, const Base& base, Doors& doors) {
  std::map<std::type_index, const RoomDef*> offered;
  for (const RoomDef& r : rooms) {
    if (!offered.emplace(r.door, &r).second)
      return Status(Code::kFailedPrecondition, "two rooms offer the door of " + r.name);
    for (const auto& port : r.ports)
      if (!offered.emplace(port, &r).second)
        return Status(Code::kFailedPrecondition, "two rooms serve a port " + r.name + " serves");
  }
  for (const RoomDef& r : rooms)
    for (const auto& need : r.needs)
      if (!offered.count(need) && !doors.has(need))
        return Status(Code::kFailedPrecondition, r.name + " needs a door no room offers");
  Built out;
  std::set<const RoomDef*> done;
  // Each pass builds every room whose needs are met; a pass building none is a cycle.
  while (done.size() < rooms.size()) {
    size_t before = done.size();
    for (const RoomDef& r : rooms) {
      if (done.count(&r)) continue;
      bool ready = true;
      for (const auto& need : r.needs) ready = ready && doors.has(need);
      if (!ready) continue;
      LINLI_ASSIGN_OR_RETURN(auto built, r.make(base, doors));
      out.order.push_back(r.name);
      out.modules.push_back(std::move(built));
      done.insert(&r);
    }
    if (done.size() == before) {
      std::string waiting;
      for (const RoomDef& r : rooms)
        if (!done.count(&r)) waiting += (waiting.empty() ? "" : ", ") + r.name;
      return Status(Code::kFailedPrecondition, "rooms that need each other: " + waiting);
    }
  }
  return out;
}

}  // namespace linli::module
