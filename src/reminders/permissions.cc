// The actions of reminders and the roles that hold them, at which scope (access.h).
#include "reminders/reminders.h"

namespace linli::reminders {

std::vector<access::Rule> grants() {
  return {
      // Carried over from registry.read, registry.write, notices.send,
      // requests.assign and requests.configure.
      {"street_admin", "reminders.read", "street"},
      {"community_admin", "reminders.read", "community"},
      {"community_staff", "reminders.read", "community"},
      {"grid_worker", "reminders.read", "grid"},
      {"street_admin", "reminders.record", "street"},
      {"community_admin", "reminders.record", "community"},
      {"community_staff", "reminders.record", "community"},
      {"grid_worker", "reminders.record", "grid"},
      {"street_admin", "reminders.confirm", "street"},
      {"community_admin", "reminders.confirm", "community"},
      {"community_staff", "reminders.confirm", "community"},
      {"grid_worker", "reminders.confirm", "grid"},
      {"street_admin", "reminders.rules", "street"},
      {"community_admin", "reminders.rules", "community"},
      {"community_staff", "reminders.rules", "community"},
      {"street_admin", "reminders.configure", "street"},
  };
}

}  // namespace linli::reminders
