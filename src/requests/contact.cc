// Calling back (回电): a handler reveals the contact's phone in one tap, for
// a reason from a short list; every reveal is audited. Residents never reveal.
#include <array>

#include "access/access.h"
#include "personal/personal_data.h"
#include "requests/internal.h"
#include "requests/repo.h"
#include "requests/requests.h"

namespace linli::requests {

namespace {
constexpr std::array<std::string_view, 3> kRevealReasons = {"callback", "verify", "handle"};
}

Result<std::string> RequestService::revealContact(const Caller& caller, int64_t id,
                                                  const std::string& reason) {
  LINLI_TRY(access::require(caller, "requests.handle"));
  if (std::find(kRevealReasons.begin(), kRevealReasons.end(), reason) == kRevealReasons.end())
    return invalidArgument("reason", "choose why: callback, verify or handle");
  if (!keys_) return internalError("requests have no keys");
  return storage::writeResult<std::string>(db_, [&](storage::Tx& tx) -> Result<std::string> {
    LINLI_ASSIGN_OR_RETURN(Request r, visible(tx, caller, id));
    if (isResident(caller) || !handles(caller, r))
      return permissionDenied("only the request's handler may call back");
    LINLI_ASSIGN_OR_RETURN(auto sealed, repo::contactPhoneSealed(tx, id));
    if (!sealed) return notFound("this request has no phone number");
    LINLI_ASSIGN_OR_RETURN(std::string phone, keys_->open(personal::kPhonePurpose, *sealed));
    if (audit_)
      LINLI_TRY(audit_->record(tx, caller,
                               {.action = "requests.contact_reveal",
                                .target_type = "request",
                                .target_id = std::to_string(id),
                                .detail = {{"reason", reason}}}));
    return phone;
  });
}

}  // namespace linli::requests
