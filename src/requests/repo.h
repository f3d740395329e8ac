// Requests storage port: categories, requests, their timeline and the daily
// serials behind request numbers. SQL lives here and nowhere else.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "requests/requests.h"
#include "storage/db.h"

namespace linli::requests::repo {

Result<std::vector<Category>> categories(storage::Tx& tx);
Result<std::optional<Category>> findCategory(storage::Tx& tx, const std::string& code);

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
// Status, assignee, deadlines, pause, rating and the resolved/closed times.
Status updateRequest(storage::Tx& tx, const Request& r, TimeMs now);

// Who sees what: staff by place, a department by assignee, a resident by filer.
struct Visibility {
  std::optional<registry::PlacePath> place;
  std::optional<int64_t> assignee_id, filed_by;
};
Result<RequestPage> listRequests(storage::Tx& tx, const Visibility& v, const RequestQuery& q,
                                 std::optional<int64_t> me, TimeMs now);

Status addEvent(storage::Tx& tx, const Event& e, int64_t request_id);
// Several events of one request in one statement, in order.
Status addEvents(storage::Tx& tx, const std::vector<Event>& events, int64_t request_id);
Result<std::vector<Event>> events(storage::Tx& tx, int64_t request_id, bool with_internal);

// Open work per person: (user id, open requests, sum of their ages in ms).
struct Load {
  int64_t user_id = 0, open = 0;
  TimeMs age_ms = 0;
};
Result<std::vector<Load>> openLoad(storage::Tx& tx, const std::vector<int64_t>& users, TimeMs now);
// One more (+1) or one fewer (-1) open request filed at `created_at` for a person.
Status adjustLoad(storage::Tx& tx, int64_t user_id, int delta, TimeMs created_at);

// Every request with a category: (description, category, priority), for training.
Status forEachLabelled(
    storage::Tx& tx,
    const std::function<void(const std::string&, const std::string&, const std::string&)>& fn);
Status setCategory(storage::Tx& tx, int64_t id, const std::string& category);

// ---- duplicates
Result<std::vector<DuplicateCandidate>> duplicateCandidates(storage::Tx& tx, const Request& r,
                                                            TimeMs since);
Status setDuplicateOf(storage::Tx& tx, int64_t id, int64_t of);
// Requests linked to `id` as its duplicates that are not closed yet (open or resolved).
Result<std::vector<int64_t>> unsettledDuplicatesOf(storage::Tx& tx, int64_t id);

// ---- follow-up visits
Status addFollowup(storage::Tx& tx, const Followup& f);
// Those of requests visible through `v` (assignee_id: only theirs).
Result<std::vector<Followup>> followups(storage::Tx& tx, const Visibility& v,
                                        std::optional<int64_t> assignee_id, bool open_only);
Result<std::optional<Followup>> findFollowup(storage::Tx& tx, int64_t id);
Status finishFollowup(storage::Tx& tx, int64_t id, TimeMs at, const std::string& note);

// ---- deadlines and escalation
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

// Photos: the bytes are stored as checked (photo_check.h).
Status touchRequest(storage::Tx& tx, int64_t id, TimeMs now);  // open pages see the change
Result<int64_t> countPhotos(storage::Tx& tx, int64_t request_id);
Result<int64_t> insertPhoto(storage::Tx& tx, int64_t request_id, const std::string& content_type,
                            const std::string& bytes, int64_t by, TimeMs at);
Result<std::vector<PhotoInfo>> photos(storage::Tx& tx, int64_t request_id);
Result<std::optional<Photo>> photo(storage::Tx& tx, int64_t request_id, int64_t photo_id);

// Leave (one current or planned period per person) and workload figures.
Result<std::map<int64_t, Leave>> leaves(storage::Tx& tx, const std::vector<int64_t>& users);
Status setLeave(storage::Tx& tx, int64_t user_id, const Leave& l, int64_t by, TimeMs at);
Status endLeave(storage::Tx& tx, int64_t user_id);
Result<int64_t> overdueCount(storage::Tx& tx, int64_t user_id, TimeMs now);
Result<std::vector<int64_t>> openRequestsOf(storage::Tx& tx, int64_t user_id);
// The last person other than `except` who assigned the request to someone.
Result<std::optional<int64_t>> lastAssigner(storage::Tx& tx, int64_t request_id, int64_t except);

}  // namespace linli::requests::repo
