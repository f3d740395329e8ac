// Private to the requests repo (repo_*.cc): how a request, a category and a
// follow-up row are selected and mapped, and which statuses are open in SQL
// (the same set as lifecycle.h's isOpen). SQL stays in repo files.
#pragma once

#include <string>
#include <vector>

#include "requests/requests.h"
#include "storage/db.h"

namespace linli::requests::repo {

// The level a request reached has had no report-in (报到) yet.
inline constexpr const char* kNotReportedIn =
    " AND NOT EXISTS (SELECT 1 FROM request_escalations x WHERE x.request_id = r.id "
    "AND x.level = r.escalation_level AND x.reported_at IS NOT NULL)";
inline constexpr const char* kOpenStatuses =
    "('submitted', 'accepted', 'assigned', 'in_progress', 'waiting_on_resident', 'reopened')";

// " AND (<r in the place> OR <assignee_column> = ?)": the requests (alias r)
// of a place, and whatever was handed to `assignee` from elsewhere.
std::string inPlaceOrAssigned(const registry::PlacePath& place, const char* assignee_column,
                              int64_t assignee, std::vector<storage::Value>& params);

// SELECT of a whole request (with its category name, assignee's name, level
// colour and whether the level reached was reported in), to be followed by WHERE.
extern const char* const kRequestSelect;
Request requestFrom(const storage::Row& row);

// SELECT of active categories, to be followed by AND / ORDER BY.
extern const char* const kCategorySelect;
Category categoryFrom(const storage::Row& row);

// SELECT of follow-ups with their request's number, to be followed by WHERE.
extern const char* const kFollowupSelect;
Followup followupFrom(const storage::Row& row);

}  // namespace linli::requests::repo
