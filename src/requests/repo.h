// Requests storage port: categories, requests, their timeline and the daily
// serials behind request numbers, escalations, follow-ups, duplicates, photos,
// workload and leave. SQL lives in repo_*.cc (one file a section below, row
// mapping shared through repo_rows.h) and nowhere else.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "requests/internal.h"
#include "requests/requests.h"
#include "storage/db.h"

namespace linli::requests::repo {

// ---- categories and the classifier's material (repo_categories.cc)
Result<std::vector<Category>> categories(storage::Tx& tx);
Result<std::optional<Category>> findCategory(storage::Tx& tx, const std::string& code);
// Every request with a category: (description, category, priority), for training.
Status forEachLabelled(
    storage::Tx& tx,
    const std::function<void(const std::string&, const std::string&, const std::string&)>& fn);
Status setCategory(storage::Tx& tx, int64_t id, const std::string& category);
// Category keywords (repo_keywords.cc): every (category, keyword) in the
// order they were written, and replacing one category's.
Result<std::vector<std::pair<std::string, std::string>>> keywords(storage::Tx& tx);
Status setKeywords(storage::Tx& tx, const std::string& code, const std::vector<std::string>& words);

// ---- the request row (repo_requests.cc)
// The next serial for a prefix (category code + date), starting at 1.
Result<int64_t> nextSerial(storage::Tx& tx, const std::string& prefix);

struct RequestSecrets {
  std::optional<std::string> contact_phone_sealed;
};
Result<int64_t> insertRequest(storage::Tx& tx, const Request& r, const RequestSecrets& s,
                              const std::optional<std::string>& idempotency_key);
Result<std::optional<int64_t>> requestByIdempotencyKey(storage::Tx& tx, int64_t filed_by,
                                                       const std::string& key);
Result<std::optional<Request>> findRequest(storage::Tx& tx, int64_t id);
// Per community of `area` (repo_summary.cc): see RequestService::byCommunity.
Result<std::vector<CommunityLoad>> loadByCommunity(storage::Tx& tx, const registry::PlacePath& area,
                                                   TimeMs now, TimeMs month_start);
// The contact's phone as stored (sealed), if any.
Result<std::optional<std::string>> contactPhoneSealed(storage::Tx& tx, int64_t id);
// Status, assignee, deadlines, pause, rating and the resolved/closed times.
Status updateRequest(storage::Tx& tx, const Request& r, TimeMs now);
Status touchRequest(storage::Tx& tx, int64_t id, TimeMs now);  // open pages see the change

// Who sees what: staff by place, a department by assignee, a resident by filer.
struct Visibility {
  std::optional<registry::PlacePath> place;
  std::optional<int64_t> assignee_id, filed_by;
};
Result<RequestPage> listRequests(storage::Tx& tx, const Visibility& v, const RequestQuery& q,
                                 std::optional<int64_t> me, TimeMs now);

// ---- the timeline (repo_events.cc)
Status addEvent(storage::Tx& tx, const Event& e, int64_t request_id);
// Several events of one request in one statement, in order.
Status addEvents(storage::Tx& tx, const std::vector<Event>& events, int64_t request_id);
Result<std::vector<Event>> events(storage::Tx& tx, int64_t request_id, bool with_internal);
// The last person other than `except` who assigned the request to someone.
Result<std::optional<int64_t>> lastAssigner(storage::Tx& tx, int64_t request_id, int64_t except);

// ---- duplicates (repo_duplicates.cc)
Result<std::vector<DuplicateCandidate>> duplicateCandidates(storage::Tx& tx, const Request& r,
                                                            TimeMs since);
Status setDuplicateOf(storage::Tx& tx, int64_t id, int64_t of);
// Requests linked to `id` as its duplicates that are not closed yet (open or resolved).
Result<std::vector<int64_t>> unsettledDuplicatesOf(storage::Tx& tx, int64_t id);

// ---- follow-up visits (repo_followups.cc)
Status addFollowup(storage::Tx& tx, const Followup& f);
// Those of requests visible through `v` (assignee_id: only theirs).
Result<std::vector<Followup>> followups(storage::Tx& tx, const Visibility& v,
                                        std::optional<int64_t> assignee_id, bool open_only);
Result<std::optional<Followup>> findFollowup(storage::Tx& tx, int64_t id);
Status finishFollowup(storage::Tx& tx, int64_t id, TimeMs at, const std::string& note);

// ---- deadlines and escalation (repo_escalation.cc)
Result<BusinessCalendar> calendar(storage::Tx& tx, int64_t street_id);
Result<std::vector<std::pair<CivilDate, std::string>>> businessDays(storage::Tx& tx,
                                                                    int64_t street_id, int year);
// kind "normal" removes the exception.
Status setBusinessDay(storage::Tx& tx, int64_t street_id, const CivilDate& date,
                      const std::string& kind);
Result<std::vector<EscalationLevel>> escalationLevels(storage::Tx& tx);
Status addEscalation(storage::Tx& tx, int64_t request_id, const Escalation& e);
Result<std::optional<Escalation>> currentEscalation(storage::Tx& tx, int64_t request_id);
Status markReportedIn(storage::Tx& tx, int64_t escalation_id, TimeMs at, int64_t by);

// ---- photos (repo_photos.cc): the bytes are stored as checked (photo_check.h).
Result<int64_t> countPhotos(storage::Tx& tx, int64_t request_id);
Result<int64_t> insertPhoto(storage::Tx& tx, int64_t request_id, const std::string& content_type,
                            const std::string& bytes, int64_t by, TimeMs at);
Result<std::vector<PhotoInfo>> photos(storage::Tx& tx, int64_t request_id);
Result<std::optional<Photo>> photo(storage::Tx& tx, int64_t request_id, int64_t photo_id);

// ---- workload (repo_workload.cc)
// Open work per person: (user id, open requests, sum of their ages in ms).
struct Load {
  int64_t user_id = 0, open = 0;
  TimeMs age_ms = 0;
};
// Each open request weighs 1 plus 1 per week it has been open.
inline double weight(const Load& l) {
  return static_cast<double>(l.open) + static_cast<double>(l.age_ms) / static_cast<double>(kWeekMs);
}
Result<std::vector<Load>> openLoad(storage::Tx& tx, const std::vector<int64_t>& users, TimeMs now);
// One more (+1) or one fewer (-1) open request filed at `created_at` for a person.
Status adjustLoad(storage::Tx& tx, int64_t user_id, int delta, TimeMs created_at);
// Leave (one current or planned period per person) and workload figures.
Result<std::map<int64_t, Leave>> leaves(storage::Tx& tx, const std::vector<int64_t>& users);
Status setLeave(storage::Tx& tx, int64_t user_id, const Leave& l, int64_t by, TimeMs at);
Status endLeave(storage::Tx& tx, int64_t user_id);
Result<int64_t> overdueCount(storage::Tx& tx, int64_t user_id, TimeMs now);
Result<std::vector<int64_t>> openRequestsOf(storage::Tx& tx, int64_t user_id);

}  // namespace linli::requests::repo
