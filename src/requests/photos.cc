// Photos of a request: checked by content and stripped (photo_check.h) before
// the transaction, stored with the request in one transaction together with
// their timeline event and audit line, at most kMaxPhotosPerRequest.
#include "access/access.h"
#include "requests/lifecycle.h"
#include "requests/photo_check.h"
#include "requests/repo.h"
#include "requests/requests.h"

namespace linli::requests {

// The one place the photo limit is kept: adding checks it, and the page's
// `can_add_photo` (reading.cc) is this same answer.
Status RequestService::photoAllowed(const Caller& caller, const Request& r, int64_t count) const {
  const bool filer = caller.principal && r.filed_by == caller.principal->user_id;
  if (!(filer || handles(caller, r)) || !(isOpen(r.status) || r.status == "resolved"))
    return permissionDenied("you may not add photos to this request now");
  if (count >= kMaxPhotosPerRequest)
    return conflict("a request has at most " + std::to_string(kMaxPhotosPerRequest) + " photos",
                    "photo");
  return Status::Ok();
}

Result<PhotoInfo> RequestService::addPhoto(const Caller& caller, int64_t id, std::string_view bytes,
                                           std::string_view content_type) {
  LINLI_TRY(access::require(caller, "requests.read"));
  // Checked before the transaction: the writer never waits on image parsing.
  LINLI_ASSIGN_OR_RETURN(auto checked, checkPhoto(bytes, content_type));
  return storage::writeResult<PhotoInfo>(db_, [&](storage::Tx& tx) -> Result<PhotoInfo> {
    LINLI_ASSIGN_OR_RETURN(Request r, visible(tx, caller, id));
    LINLI_ASSIGN_OR_RETURN(int64_t count, repo::countPhotos(tx, r.id));
    LINLI_TRY(photoAllowed(caller, r, count));
    const TimeMs now = clock_.now();
    PhotoInfo info{.content_type = checked.content_type,
                   .size = static_cast<int64_t>(checked.bytes.size()),
                   .created_at = now};
    LINLI_ASSIGN_OR_RETURN(info.id, repo::insertPhoto(tx, r.id, checked.content_type, checked.bytes,
                                                      caller.principal->user_id, now));
    LINLI_TRY(repo::addEvent(
        tx, {.at = now, .kind = "photo", .actor_id = caller.principal->user_id}, r.id));
    LINLI_TRY(repo::touchRequest(tx, r.id, now));
    if (audit_)
      LINLI_TRY(audit_->record(tx, caller,
                               {.action = "requests.photo",
                                .target_type = "request",
                                .target_id = std::to_string(r.id),
                                .detail = {{"photo_id", info.id}, {"bytes", info.size}}}));
    return info;
  });
}

Result<Photo> RequestService::photo(const Caller& caller, int64_t id, int64_t photo_id) {
  LINLI_TRY(access::require(caller, "requests.read"));
  return storage::readResult<Photo>(db_, [&](storage::Tx& tx) -> Result<Photo> {
    LINLI_TRY(visible(tx, caller, id).status());
    LINLI_ASSIGN_OR_RETURN(auto p, repo::photo(tx, id, photo_id));
    if (!p) return notFound("no such photo");
    return std::move(*p);
  });
}

}  // namespace linli::requests
