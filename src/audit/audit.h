// Audit door: an append-only log of logins, permission denials and every
// write (who, when, what, which record, outcome, address, request id).
// `record` writes inside the caller's transaction, so a write and its audit
// line commit or roll back together. `recordNow` uses its own transaction,
// for events whose use case fails (denials, failed logins). Admins browse the
// log within their scope (action audit.read).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "access/access.h"
#include "common/clock.h"
#include "common/result.h"
#include "common/scope.h"
#include "module/module.h"
#include "storage/db.h"

namespace linli::http {
class Router;
}

namespace linli::audit {

struct Entry {
  std::string action;       // "auth.login", "users.create", "permission.denied", …
  std::string target_type;  // "user", "session", …
  std::string target_id;
  std::string outcome = "ok";                        // ok | denied | failed
  nlohmann::json detail = nlohmann::json::object();  // never personal data
  // Set when the actor is not the caller's principal: a failed login names
  // the account tried, an operator is "operator". actor_place gives the place
  // the line belongs to (for scope filters), not an acting user id.
  std::optional<std::string> actor_username;
  std::optional<Principal> actor_place;
};

struct Filter {
  std::optional<std::string> actor, action, target_type, outcome;
  std::optional<TimeMs> from, to;
  int page = 1;
  int page_size = 20;
};

class AuditLog {
 public:
  AuditLog(storage::Db& db, const Clock& clock) : db_(db), clock_(clock) {}
  Status record(storage::Tx& tx, const Caller& caller, const Entry& entry) const;
  void recordNow(const Caller& caller, const Entry& entry) const;
  Result<nlohmann::json> list(const Caller& caller, const Filter& filter) const;

 private:
  storage::Db& db_;
  const Clock& clock_;
};

void registerRoutes(http::Router& router, AuditLog& log);

// The actions this module checks and which roles hold them (permissions.cc).
std::vector<access::Rule> grants();
// This module as a room of the composition root (module.cc).
module::RoomDef room();

}  // namespace linli::audit
