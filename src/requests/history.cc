// History (demo): past requests written in bulk, as they ended. It is history,
// not live filing: no deadline job is scheduled, nobody is told, no audit line
// is written per row and no open load is counted (none of them is open). Each
// is numbered by its filing day from the same serials live filing uses, so a
// request filed later that day follows on.
#include <map>

#include "common/civil_date.h"
#include "requests/internal.h"
#include "requests/repo.h"
#include "requests/requests.h"

namespace linli::requests {

namespace {

std::string numberPrefix(const std::string& category, TimeMs at) {
  CivilDate d = dateAt(at);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s-%04d%02d%02d", category.c_str(), d.year, d.month, d.day);
  return buf;
}

Status checkPast(const PastRequest& p, TimeMs now) {
  if (p.category.empty()) return invalidArgument("category", "a past request needs a category");
  if (!(p.created_at <= p.started_at && p.started_at <= p.resolved_at))
    return invalidArgument("resolved_at", "a past request is filed, started, then resolved");
  const TimeMs last = p.closed_at.value_or(p.resolved_at);
  if (last < p.resolved_at || last >= now)
    return invalidArgument("closed_at", "a past request ends before now");
  if (p.rating && (*p.rating < 1 || *p.rating > 5))
    return invalidArgument("rating", "rate from 1 to 5");
  if (p.rating && !p.closed_at) return invalidArgument("rating", "a rated request is closed");
  return Status::Ok();
}

}  // namespace

Result<int64_t> RequestService::recordHistory(const std::vector<PastRequest>& past) {
  const TimeMs now = clock_.now();
  for (const PastRequest& p : past) LINLI_TRY(checkPast(p, now));
  return storage::writeResult<int64_t>(db_, [&](storage::Tx& tx) -> Result<int64_t> {
    std::map<std::string, Category> categories;
    std::map<int64_t, BusinessCalendar> calendars;
    std::vector<Event> events;
    for (const PastRequest& p : past) {
      auto c = categories.find(p.category);
      if (c == categories.end()) {
        LINLI_ASSIGN_OR_RETURN(auto found, repo::findCategory(tx, p.category));
        if (!found) return invalidArgument("category", "no such category: " + p.category);
        c = categories.emplace(p.category, std::move(*found)).first;
      }
      auto cal = calendars.find(p.place.street_id);
      if (cal == calendars.end()) {
        LINLI_ASSIGN_OR_RETURN(auto loaded, repo::calendar(tx, p.place.street_id));
        cal = calendars.emplace(p.place.street_id, std::move(loaded)).first;
      }
      Request r;
      const std::string prefix = numberPrefix(p.category, p.created_at);
      LINLI_ASSIGN_OR_RETURN(int64_t serial, repo::nextSerial(tx, prefix));
      char tail[16];
      std::snprintf(tail, sizeof tail, "-%04lld", static_cast<long long>(serial));
      r.number = prefix + tail;
      r.status = p.closed_at ? "closed" : "resolved";
      r.category = p.category;
      r.priority = p.priority;
      r.description = p.description;
      r.channel = p.channel;
      r.place = p.place;
      r.address = p.address;
      r.contact_name = p.contact_name;
      r.contact_method = "phone";
      r.unit = c->second.unit;
      r.assignee_id = p.assignee_id;
      r.created_at = p.created_at;
      r.response_due = cal->second.add(p.created_at, c->second.response_hours * kHourMs);
      r.resolve_due = cal->second.add(p.created_at, c->second.resolve_hours * kHourMs);
      r.received_at = p.started_at;
      r.resolved_at = p.resolved_at;
      r.closed_at = p.closed_at;
      r.updated_at = p.closed_at.value_or(p.resolved_at);
      r.rating = p.rating;
      r.rating_comment = p.rating_comment;
      // Filed as any request, then written as it ended (status, rating, times).
      LINLI_ASSIGN_OR_RETURN(r.id, repo::insertRequest(tx, r, {}, std::nullopt));
      LINLI_TRY(repo::updateRequest(tx, r, r.updated_at));

      events.clear();
      events.push_back({.at = p.created_at, .kind = "submitted", .to = "submitted"});
      std::string from = "submitted";
      if (p.assignee_id) {
        events.push_back({.at = p.created_at,
                          .kind = "assign",
                          .from = from,
                          .to = "assigned",
                          .note = p.assignee_name});
        from = "assigned";
      }
      events.push_back({.at = p.started_at,
                        .kind = "start",
                        .from = from,
                        .to = "in_progress",
                        .actor_id = p.assignee_id});
      events.push_back({.at = p.resolved_at,
                        .kind = "resolve",
                        .from = "in_progress",
                        .to = "resolved",
                        .actor_id = p.assignee_id,
                        .note = p.resolve_note});
      if (p.closed_at && p.rating)
        events.push_back({.at = *p.closed_at,
                          .kind = "rate",
                          .from = "resolved",
                          .to = "closed",
                          .note = std::to_string(*p.rating) + "★" +
                                  (p.rating_comment.empty() ? "" : " " + p.rating_comment)});
      else if (p.closed_at)
        events.push_back({.at = *p.closed_at,
                          .kind = "close",
                          .from = "resolved",
                          .to = "closed",
                          .actor_id = p.assignee_id});
      LINLI_TRY(repo::addEvents(tx, events, r.id));
    }
    return static_cast<int64_t>(past.size());
  });
}

}  // namespace linli::requests
