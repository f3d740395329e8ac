// Private to registry: the shape every use case takes. Check the action in
// the permission table, run one transaction in which records outside the
// caller's scope read as NotFound, then audit any denial after the
// transaction has ended (auditing inside it would roll back with it).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "access/access.h"
#include "audit/audit.h"
#include "registry/registry.h"

namespace linli::registry {

class Guard {
 public:
  Guard(const Caller& caller, audit::AuditLog* audit) : caller_(caller), audit_(audit) {}
  // Audits a write inside the use case's transaction (it commits with the write).
  Status audited(storage::Tx& tx, const std::string& action, const std::string& type,
                 const std::string& id, nlohmann::json detail = nlohmann::json::object()) {
    if (!audit_) return Status::Ok();
    return audit_->record(
        tx, caller_, {.action = action, .target_type = type, .target_id = id, .detail = detail});
  }
  // NotFound (and a denial to audit) unless `target` lies in the caller's scope.
  Status within(const PlacePath& target, const std::string& type, int64_t id) {
    if (covers(placeOf(*caller_.principal), target)) return Status::Ok();
    denials.push_back({.action = "permission.denied",
                       .target_type = type,
                       .target_id = std::to_string(id),
                       .outcome = "denied",
                       .detail = {{"wanted", "out of scope"}}});
    return notFound(type + " not found");
  }
  std::vector<audit::Entry> denials;

 private:
  const Caller& caller_;
  audit::AuditLog* audit_;
};

template <class T>
Result<T> guarded(storage::Db& db, audit::AuditLog* audit, const Caller& caller,
                  std::string_view action, bool write,
                  const std::function<Result<T>(storage::Tx&, Guard&)>& fn) {
  Status allowed = access::require(caller, action);
  if (!allowed.ok()) {
    if (audit && allowed.code() == Code::kPermissionDenied)
      audit->recordNow(caller, {.action = "permission.denied",
                                .target_type = "registry",
                                .outcome = "denied",
                                .detail = {{"wanted", action}}});
    return allowed;
  }
  Guard guard(caller, audit);
  auto body = [&](storage::Tx& tx) { return fn(tx, guard); };
  Result<T> out = write ? storage::writeResult<T>(db, body) : storage::readResult<T>(db, body);
  if (audit)
    for (const auto& d : guard.denials) audit->recordNow(caller, d);
  return out;
}

}  // namespace linli::registry
