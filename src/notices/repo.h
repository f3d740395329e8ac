// Private to notices: the notices storage port. A notice's messages go into
// notify's outbox (the messages table, whose columns notify/repo.h writes too)
// by set-based statements over the selected resident ids, so 100,000 take one
// statement each instead of a call per message. SQL lives here and nowhere else.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "notices/notices.h"

namespace linli::notices::repo {

// Notices: the messages of a notice are written by set-based statements over
// the selected resident ids (a JSON array), so 100,000 take one statement each.
Result<int64_t> insertNotice(storage::Tx& tx, const Notice& n, const std::string& audience,
                             const access::PlacePath& place, int64_t by);
// The community's name, or the street's for a street-level place.
Result<std::string> placeName(storage::Tx& tx, const access::PlacePath& p);
Status setNoticeCounts(storage::Tx& tx, int64_t id, int64_t recipients, int64_t without_phone);
struct NoticeText {
  std::string subject, body;
  bool urgent = false;
  TimeMs next_at = 0, now = 0;
};
// Returns (sms queued, in-app written).
Result<std::pair<int64_t, int64_t>> queueNoticeMessages(storage::Tx& tx, int64_t notice_id,
                                                        const std::string& ids_json,
                                                        const NoticeText& t);
Status saveVisits(storage::Tx& tx, int64_t notice_id, const std::string& ids_json);
Result<AudienceCount> countAudience(storage::Tx& tx, const std::string& ids_json);
Result<std::vector<Notice>> notices(storage::Tx& tx, const access::PlacePath& within,
                                    std::optional<int64_t> id);
Result<std::vector<DeliveryFailure>> failures(storage::Tx& tx, int64_t notice_id);
Result<std::vector<VisitHousehold>> visits(storage::Tx& tx, int64_t notice_id);

}  // namespace linli::notices::repo
