// Duplicates: open requests that look like the same problem reported again
// (same category, same building or within about 100 m, filed within
// LoopOptions::duplicate_window_hours before) are suggested to staff; once
// linked (`link`), a duplicate is resolved and closed with its first request.
#include "requests/internal.h"
#include "requests/lifecycle.h"
#include "requests/repo.h"
#include "requests/requests.h"

namespace linli::requests {

Result<std::vector<DuplicateCandidate>> RequestService::duplicatesOf(storage::Tx& tx,
                                                                     const Caller& caller,
                                                                     const Request& r) const {
  if (isResident(caller) || r.duplicate_of || !isOpen(r.status))
    return std::vector<DuplicateCandidate>();
  LINLI_ASSIGN_OR_RETURN(
      auto found,
      repo::duplicateCandidates(tx, r, r.created_at - loop_.duplicate_window_hours * kHourMs));
  std::vector<DuplicateCandidate> out;
  for (const auto& c : found)
    if (c.id < r.id && visible(tx, caller, c.id).ok()) out.push_back(c);
  return out;
}

Status RequestService::settleDuplicates(storage::Tx& tx, const Request& first, TimeMs now) {
  LINLI_ASSIGN_OR_RETURN(auto ids, repo::unsettledDuplicatesOf(tx, first.id));
  for (int64_t id : ids) {
    LINLI_ASSIGN_OR_RETURN(auto dup, repo::findRequest(tx, id));
    if (!dup || dup->status == first.status) continue;
    const std::string from = dup->status;
    const bool was_open = isOpen(from);
    dup->status = first.status;
    dup->resolved_at = first.resolved_at.value_or(now);
    if (first.status == "closed") dup->closed_at = now;
    LINLI_TRY(repo::updateRequest(tx, *dup, now));
    if (dup->assignee_id && was_open)
      LINLI_TRY(repo::adjustLoad(tx, *dup->assignee_id, -1, dup->created_at));
    LINLI_TRY(repo::addEvent(tx,
                             {.at = now,
                              .kind = first.status == "closed" ? "close" : "resolve",
                              .from = from,
                              .to = dup->status,
                              .note = "随 " + first.number + " 一并办结"},
                             dup->id));
  }
  return Status::Ok();
}

}  // namespace linli::requests
