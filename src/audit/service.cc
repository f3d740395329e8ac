#include <spdlog/spdlog.h>

#include "access/access.h"
#include "audit/repo.h"

namespace linli::audit {

namespace {

repo::Row toRow(TimeMs at, const Caller& caller, const Entry& e) {
  repo::Row r;
  r.at = at;
  const Principal* place = e.actor_place      ? &*e.actor_place
                           : caller.principal ? &*caller.principal
                                              : nullptr;
  if (caller.principal && !e.actor_username) {
    r.actor_id = caller.principal->user_id;
    r.actor_username = caller.principal->username;
  } else if (e.actor_username) {
    // An operator or an unauthenticated login attempt: no acting user id.
    r.actor_username = *e.actor_username;
  }
  if (place) {
    r.street_id = place->street_id;
    r.community_id = place->community_id;
    r.grid_id = place->grid_id;
  }
  r.action = e.action;
  r.target_type = e.target_type;
  r.target_id = e.target_id;
  r.outcome = e.outcome;
  r.detail = e.detail.dump();
  r.ip = caller.ip;
  r.request_id = caller.request_id;
  return r;
}

}  // namespace

Status AuditLog::record(storage::Tx& tx, const Caller& caller, const Entry& entry) const {
  return repo::insert(tx, toRow(clock_.now(), caller, entry));
}

void AuditLog::recordNow(const Caller& caller, const Entry& entry) const {
  Status st = db_.write([&](storage::Tx& tx) { return record(tx, caller, entry); });
  if (!st.ok()) spdlog::error("audit write failed for {}: {}", entry.action, st.toString());
}

Result<nlohmann::json> AuditLog::list(const Caller& caller, const Filter& filter) const {
  Status allowed = access::require(caller, "audit.read");
  if (!allowed.ok()) {
    if (allowed.code() == Code::kPermissionDenied)
      recordNow(caller, {.action = "permission.denied",
                         .target_type = "audit_log",
                         .outcome = "denied",
                         .detail = {{"wanted", "audit.read"}}});
    return allowed;
  }
  return storage::readResult<nlohmann::json>(db_, [&](storage::Tx& tx) -> Result<nlohmann::json> {
    LINLI_ASSIGN_OR_RETURN(auto page, repo::page(tx, *caller.principal, filter));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : page.first) {
      nlohmann::json detail = nlohmann::json::parse(r.str(8), nullptr, false);
      items.push_back(
          {{"id", r.str(0)},
           {"at", formatIso8601(r.i64(1))},
           {"actor_id", r.isNull(2) ? nlohmann::json(nullptr) : nlohmann::json(r.str(2))},
           {"actor_username", r.str(3)},
           {"action", r.str(4)},
           {"target_type", r.str(5)},
           {"target_id", r.str(6)},
           {"outcome", r.str(7)},
           {"detail", detail.is_discarded() ? nlohmann::json::object() : detail},
           {"ip", r.str(9)},
           {"request_id", r.str(10)}});
    }
    return nlohmann::json{{"items", items},
                          {"total", page.second},
                          {"page", filter.page},
                          {"page_size", filter.page_size}};
  });
}

}  // namespace linli::audit
