// SQL of the call list grants: which roles of a street may export it.
#include "reports/repo.h"

namespace linli::reports::repo {

Result<std::vector<std::string>> callListRoles(storage::Tx& tx, int64_t street_id) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT role FROM call_list_grants WHERE street_id = ? ORDER BY role", {street_id}));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.str(0));
  return out;
}

Status setCallListRoles(storage::Tx& tx, int64_t street_id, const std::vector<std::string>& roles,
                        int64_t by, TimeMs now) {
  LINLI_TRY(tx.exec("DELETE FROM call_list_grants WHERE street_id = ?", {street_id}).status());
  for (const auto& role : roles)
    LINLI_TRY(tx.exec("INSERT INTO call_list_grants (street_id, role, granted_by, granted_at) "
                      "VALUES (?, ?, ?, ?)",
                      {street_id, role, by, now})
                  .status());
  return Status::Ok();
}

}  // namespace linli::reports::repo
