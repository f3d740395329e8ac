// Module: the one shape of every room that serves users (registry, requests,
// visits…). A room is declared once, in app/modules.cc, as a RoomDef: its name,
// the door it offers, the doors it needs (handed to its factory, never looked
// up), and the factory. `buildAll` builds the rooms in the order their needs
// dictate and refuses a need nobody offers or a cycle. A built Module answers
// the same questions for every room: its routes, its scheduled jobs, its demo
// data, what it warms up before serving and its metrics; its permission grants
// are data in the RoomDef, so the table needs no build.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <typeindex>
#include <vector>

#include "access/access.h"
#include "common/clock.h"
#include "common/result.h"
#include "crypto/keys.h"
#include "storage/db.h"

namespace linli::http {
class Router;
}
namespace linli::scheduler {
class Scheduler;
}
namespace linli::metrics {
class Registry;
}

namespace linli::module {

// What every room may use without declaring it: infrastructure, no domain.
struct Base {
  storage::Db& db;
  const Clock& clock;
  const crypto::Keys& keys;
  scheduler::Scheduler& scheduler;
};

// How much demo data `linli serve --demo` or `linli demo` asks for.
struct DemoSize {
  int64_t residents = 0;
  int64_t requests = 0;
};

class Module {
 public:
  virtual ~Module() = default;
  virtual void addRoutes(http::Router&) {}
  // Handlers and recurring schedules; every room registers its jobs here.
  virtual Status addJobs(scheduler::Scheduler&, TimeMs) { return Status::Ok(); }
  // Demo data into a database without users (rooms in build order).
  virtual Status seedDemo(const DemoSize&) { return Status::Ok(); }
  // Before serving: indexes and models built from the database.
  virtual Status start() { return Status::Ok(); }
  // The room's own series at GET /metrics: their type and help text.
  virtual void describeMetrics(metrics::Registry&) {}
};

// The doors built so far, by type.
class Doors {
 public:
  template <class Door>
  void put(Door& door) {
    doors_[typeid(Door)] = &door;
  }
  template <class Door>
  Door& get() const {
    return *static_cast<Door*>(doors_.at(typeid(Door)));
  }
  bool has(std::type_index door) const { return doors_.count(door) > 0; }

 private:
  std::map<std::type_index, void*> doors_;
};

struct RoomDef {
  std::string name;
  std::type_index door;
  std::vector<std::type_index> needs;
  std::vector<std::type_index> ports;  // ports below it its door implements
  // The actions the room checks and the roles holding them (its permissions.cc).
  std::vector<access::Rule> (*grants)() = nullptr;
  // Builds the room and puts its door into `doors`.
  std::function<Result<std::unique_ptr<Module>>(const Base&, Doors&)> make;
};

// A room offering `Door` built by `make(base, needs...)`, which returns a
// Module holding the door and a pointer to the door.
template <class Door, class... Needs, class Make>
RoomDef room(std::string name, std::vector<access::Rule> (*grants)(), Make make) {
  return RoomDef{std::move(name),
                 typeid(Door),
                 {typeid(Needs)...},
                 {},
                 grants,
                 [make](const Base& base, Doors& doors) -> Result<std::unique_ptr<Module>> {
                   auto [built, door] = make(base, doors.get<Needs>()...);
                   if (!built || !door) return Status(Code::kInternal, "room not built");
                   doors.put<Door>(*door);
                   return std::unique_ptr<Module>(std::move(built));
                 }};
}

// The room's door also serves as `Port`, an interface declared in a room
// below (the registry is auth's access::Places).
template <class Port, class Door>
RoomDef alsoServes(RoomDef def) {
  def.ports.push_back(typeid(Port));
  def.make = [make = std::move(def.make)](const Base& base,
                                          Doors& doors) -> Result<std::unique_ptr<Module>> {
    LINLI_ASSIGN_OR_RETURN(auto built, make(base, doors));
    doors.put<Port>(doors.get<Door>());
    return built;
  };
  return def;
}

struct Built {
  std::vector<std::string> order;                // room names, as built
  std::vector<std::unique_ptr<Module>> modules;  // in build order
};

// Builds every room once its needs are built. FailedPrecondition naming the
// room for a need nobody offers, two rooms offering one door, or a cycle.
Result<Built> buildAll(const std::vector<RoomDef>& rooms, const Base& base, Doors& doors);

}  // namespace linli::module
