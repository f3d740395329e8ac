// Private to requests: the action handlers behind RequestService::act. Each
// action of the lifecycle has one row: who may take it (`may`), what stops it
// besides its status (`ready`: a Conflict, before permission is asked), what
// it needs and changes (`apply`: checks its input, then changes the request
// and its timeline event before they are written) and what follows once they
// are (`after`: jobs, a follow-up visit). Whether an action is legal from a
// status is the lifecycle table's to say (lifecycle.h), never a handler's.
// act() does the rest alike for every action, in one transaction: visibility,
// legality, permission, the new status, each person's open work, the event,
// settling linked duplicates and the audit line.
#pragma once

#include <optional>
#include <string_view>

#include "requests/requests.h"

namespace linli::requests {

// Where the caller stands towards one request.
struct Standing {
  bool filer = false;     // they filed it
  bool handler = false;   // they handle it (staff of its place, or its assignee)
  bool assigner = false;  // they handle it and may assign (requests.assign)
  bool assignee = false;  // it is assigned to them
};

// One action being taken, inside act()'s transaction. A handler changes `r`
// (the request as it will be written) and `e` (its timeline event, whose note
// starts as the input's note); of the service it uses only what is here.
struct ActionStep {
  RequestService& service;
  storage::Tx& tx;
  const Caller& caller;
  const ActionInput& in;
  Request& r;
  Event& e;
  TimeMs now;

  const LoopOptions& loop() const { return service.loop_; }
  auth::AuthService& auth() const { return service.auth_; }
  scheduler::Scheduler* scheduler() const { return service.scheduler_; }
  bool handles() const { return service.handles(caller, r); }
  Result<Request> visible(int64_t id) const { return service.visible(tx, caller, id); }
  Status scheduleDeadlines() const { return service.scheduleDeadlines(tx, r); }
  Status planFollowup() const { return service.planFollowup(tx, r, now); }
  Status speak(LoopStep step, notify::Vars vars = {}) const {
    return service.speak(tx, r, step, caller.principal->user_id, std::move(vars));
  }
  // Whom a declined request goes back to: whoever handed it over, else the community.
  Result<std::optional<auth::User>> declineTarget() const;
};

struct ActionRule {
  bool (*may)(const Standing&, const Request&) = nullptr;
  Status (*ready)(const Request&) = nullptr;
  Status (*apply)(ActionStep&) = nullptr;
  Status (*after)(ActionStep&) = nullptr;
  bool teaches = false;  // once committed, the classifier learns the request's category
};

// The row of `action`, or nullptr when it is no action.
const ActionRule* actionRule(std::string_view action);

}  // namespace linli::requests
