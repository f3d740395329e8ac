// Photos of a request: checked by content and stripped (photo_check.h), stored
// with the request in one transaction together with their timeline event.
#include "access/access.h"
#include "requests/lifecycle.h"
#include "requests/photo_check.h"
#include "requests/repo.h"
#include "requests/requests.h"

namespace linli::requests {

bool RequestService::canAddPhoto(const Caller& caller, const Request& r) const {
  if (!caller.principal) return false;
  const bool filer = r.filed_by == caller.principal->user_id;
  return (filer || handles(caller, r)) && (isOpen(r.status) || r.status == "resolved");
}

Result<PhotoInfo> RequestService::addPhoto(const Caller& caller, int64_t id, std::string_view bytes,
                                           std::string_view content_type) {
  LINLI_TRY(access::require(caller, "requests.read"));
  // Checked before the transaction: the writer never waits on image parsing.
  LINLI_ASSIGN_OR_RETURN(auto checked, checkPhoto(bytes, content_type));
  return storage::writeResult<PhotoInfo>(db_, [&](storage::Tx& tx) -> Result<PhotoInfo> {
    LINLI_ASSIGN_OR_RETURN(Request r, visible(tx, caller, id));
    if (!canAddPhoto(caller, r))
      return permissionDenied("you may not add photos to this request now");
    LINLI_ASSIGN_OR_RETURN(int64_t count, repo::countPhotos(tx, r.id));
    if (count >= kMaxPhotosPerRequest)
      return conflict("a request has at most " + std::to_string(kMaxPhotosPerRequest) + " photos",
                      "photo");
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

Result<std::vector<PhotoInfo>> RequestService::photos(const Caller& caller, int64_t id) {
  LINLI_TRY(access::require(caller, "requests.read"));
  return storage::readResult<std::vector<PhotoInfo>>(
      db_, [&](storage::Tx& tx) -> Result<std::vector<PhotoInfo>> {
        LINLI_TRY(visible(tx, caller, id).status());
        return repo::photos(tx, id);
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
