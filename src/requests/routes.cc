// HTTP for requests: parse → one service call → JSON. Contract: docs/http-api.md "Requests".
#include <cmath>
#include <limits>

#include "common/civil_date.h"
#include "common/clock.h"
#include "common/json_input.h"
#include "http/error_response.h"
#include "http/json_body.h"
#include "http/later.h"
#include "http/reply.h"
#include "http/router.h"
#include "requests/requests.h"

namespace linli::requests {

namespace {
using http::Response;
using nlohmann::json;
namespace ji = json_input;

json optionalJson(const std::optional<int64_t>& v) { return v ? json(std::to_string(*v)) : json(); }
json timeJson(const std::optional<TimeMs>& t) { return t ? json(formatIso8601(*t)) : json(); }

json categoryJson(const Category& c) {
  return {{"code", c.code},
          {"parent", c.parent ? json(*c.parent) : json()},
          {"name", c.name},
          {"name_en", c.name_en},
          {"unit", c.unit},
          {"response_hours", c.response_hours},
          {"resolve_hours", c.resolve_hours}};
}

// Built field by field: a nested initializer list copies every value once
// more, and this runs for each request filed or listed.
json requestJson(const RequestService& s, const Caller& caller, const Request& r) {
  json out = json::object();
  out["id"] = std::to_string(r.id);
  out["number"] = r.number;
  out["status"] = r.status;
  out["category"] = r.category ? json(*r.category) : json();
  out["category_name"] = r.category_name;
  out["priority"] = r.priority;
  out["description"] = r.description;
  out["channel"] = r.channel;
  json& place = out["place"] = json::object();
  place["community_id"] = optionalJson(r.place.community_id);
  place["grid_id"] = optionalJson(r.place.grid_id);
  place["building_id"] = optionalJson(r.building_id);
  place["household_id"] = optionalJson(r.household_id);
  place["address"] = r.address;
  place["lat"] = r.lat ? json(*r.lat) : json();
  place["lng"] = r.lng ? json(*r.lng) : json();
  json& contact = out["contact"] = json::object();
  contact["name"] = r.contact_name;
  contact["phone_masked"] =
      r.contact_phone_last4.empty() ? json() : json("*******" + r.contact_phone_last4);
  contact["method"] = r.contact_method;
  json& assignee = out["assignee"];
  if (r.assignee_id) {
    assignee["id"] = std::to_string(*r.assignee_id);
    assignee["display_name"] = r.assignee_name;
  }
  out["filed_by_me"] = caller.principal && r.filed_by == caller.principal->user_id;
  out["created_at"] = formatIso8601(r.created_at);
  out["response_due"] = formatIso8601(r.response_due);
  out["resolve_due"] = formatIso8601(r.resolve_due);
  out["resolved_at"] = timeJson(r.resolved_at);
  out["closed_at"] = timeJson(r.closed_at);
  out["overdue"] = s.overdue(r);
  out["rating"] = r.rating ? json(*r.rating) : json();
  out["rating_comment"] = r.rating ? json(r.rating_comment) : json();
  out["actions"] = s.allowedActions(caller, r);
  out["duplicate_of"] = optionalJson(r.duplicate_of);
  json& escalation = out["escalation"];
  if (r.escalation_level > 0) {
    escalation["level"] = r.escalation_level;
    escalation["color"] = r.escalation_color;
  }
  return out;
}

json eventJson(const Event& e) {
  return {{"id", std::to_string(e.id)},
          {"at", formatIso8601(e.at)},
          {"kind", e.kind},
          {"from", e.from ? json(*e.from) : json()},
          {"to", e.to ? json(*e.to) : json()},
          {"actor", e.actor_id
                        ? json{{"id", std::to_string(*e.actor_id)}, {"display_name", e.actor_name}}
                        : json()},
          {"note", e.note},
          {"internal", e.internal}};
}

// Types only: lengths, words and text are the requests service's one check (request_input.h).
constexpr size_t kAnyLength = std::numeric_limits<size_t>::max();

Result<NewRequest> newRequestFrom(const http::Request& req) {
  LINLI_ASSIGN_OR_RETURN(auto body, http::jsonObjectBody(req));
  NewRequest in;
  LINLI_ASSIGN_OR_RETURN(in.category, ji::optionalString(body, "category", 0, kAnyLength));
  LINLI_ASSIGN_OR_RETURN(in.description, ji::requiredString(body, "description", 0, kAnyLength));
  LINLI_ASSIGN_OR_RETURN(in.building_id, ji::optionalId(body, "building_id"));
  LINLI_ASSIGN_OR_RETURN(in.household_id, ji::optionalId(body, "household_id"));
  LINLI_ASSIGN_OR_RETURN(auto address, ji::optionalString(body, "address", 0, kAnyLength));
  in.address = address.value_or("");
  LINLI_ASSIGN_OR_RETURN(in.lat, ji::optionalNumber(body, "lat"));
  LINLI_ASSIGN_OR_RETURN(in.lng, ji::optionalNumber(body, "lng"));
  LINLI_ASSIGN_OR_RETURN(auto priority, ji::optionalString(body, "priority", 0, kAnyLength));
  in.priority = priority.value_or("normal");
  LINLI_ASSIGN_OR_RETURN(auto name, ji::optionalString(body, "contact_name", 0, kAnyLength));
  in.contact_name = name.value_or("");
  LINLI_ASSIGN_OR_RETURN(in.contact_phone,
                         ji::optionalString(body, "contact_phone", 0, kAnyLength));
  LINLI_ASSIGN_OR_RETURN(auto method, ji::optionalString(body, "contact_method", 0, kAnyLength));
  in.contact_method = method.value_or("phone");
  // Ranges, words and text are checked by the service, for every door alike.
  auto key = req.header("idempotency-key");
  if (!key.empty()) in.idempotency_key = std::string(key);
  return in;
}

json photoJson(int64_t request_id, const PhotoInfo& p) {
  return {{"id", std::to_string(p.id)},
          {"content_type", p.content_type},
          {"size", p.size},
          {"created_at", formatIso8601(p.created_at)},
          {"url",
           "/api/v1/requests/" + std::to_string(request_id) + "/photos/" + std::to_string(p.id)}};
}

json workloadJson(const Workload& w) {
  return {{"user_id", std::to_string(w.user_id)},
          {"display_name", w.display_name},
          {"role", w.role},
          {"scope_name", w.scope_name},
          {"open", w.open},
          {"overdue", w.overdue},
          {"weight", std::round(w.weight * 100) / 100},
          {"on_leave", w.on_leave},
          {"leave", w.leave ? json{{"from", formatDate(w.leave->from)},
                                   {"until", formatDate(w.leave->until)},
                                   {"note", w.leave->note}}
                            : json()}};
}

Result<Leave> leaveFrom(const http::Request& req) {
  LINLI_ASSIGN_OR_RETURN(auto body, http::jsonObjectBody(req));
  Leave l;
  for (auto [key, out] : {std::pair{"from", &l.from}, std::pair{"until", &l.until}}) {
    LINLI_ASSIGN_OR_RETURN(auto text, ji::requiredString(body, key, 10, 10));
    auto d = parseDate(text);
    if (!d) return invalidArgument(key, std::string(key) + " is a date like 2026-11-23");
    *out = *d;
  }
  LINLI_ASSIGN_OR_RETURN(auto note, ji::optionalString(body, "note", 1, 200));
  l.note = note.value_or("");
  return l;
}

Result<ActionInput> actionFrom(const http::Request& req) {
  json body = json::object();
  if (!req.body.empty()) {
    LINLI_ASSIGN_OR_RETURN(body, http::jsonObjectBody(req));
  }
  ActionInput in;
  LINLI_ASSIGN_OR_RETURN(auto note, ji::optionalString(body, "note", 1, 2000));
  in.note = note.value_or("");
  LINLI_ASSIGN_OR_RETURN(auto reason, ji::optionalString(body, "reason", 1, 500));
  in.reason = reason.value_or("");
  LINLI_ASSIGN_OR_RETURN(auto comment, ji::optionalString(body, "comment", 1, 500));
  in.comment = comment.value_or("");
  LINLI_ASSIGN_OR_RETURN(in.assignee_id, ji::optionalId(body, "assignee_id"));
  LINLI_ASSIGN_OR_RETURN(in.rating, ji::optionalInt(body, "rating", 1, 5));
  LINLI_ASSIGN_OR_RETURN(in.category, ji::optionalString(body, "category", 1, 32));
  LINLI_ASSIGN_OR_RETURN(in.duplicate_of, ji::optionalId(body, "duplicate_of"));
  LINLI_ASSIGN_OR_RETURN(auto internal, ji::optionalBool(body, "internal"));
  in.internal = internal.value_or(false);
  return in;
}

}  // namespace

void registerRoutes(http::Router& router, RequestService& requests) {
  RequestService& s = requests;
  router.add({.method = "GET",
              .pattern = "/api/v1/requests/categories",
              .summary = "The request categories (two levels)",
              .tag = "requests"},
             [&s](http::Request& req) {
               return http::reply(s.categories(req.caller()), req, [](const auto& list) {
                 json items = json::array();
                 for (const auto& c : list) items.push_back(categoryJson(c));
                 return json{{"items", items}};
               });
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/requests/calendar",
              .summary = "The street's holidays and make-up workdays in a year",
              .tag = "requests",
              .query_params = {"year"}},
             [&s](http::Request& req) {
               int year = dateAt(s.now()).year;
               if (auto y = http::queryText(req, "year")) {
                 try {
                   year = std::stoi(*y);
                 } catch (...) {
                   year = 0;
                 }
                 if (year < 2000 || year > 2100)
                   return http::errorResponse(invalidArgument("year", "year must be like 2026"),
                                              req.request_id);
               }
               return http::reply(s.businessDays(req.caller(), year), req, [](const auto& days) {
                 json items = json::array();
                 for (const auto& [date, kind] : days)
                   items.push_back({{"date", formatDate(date)}, {"kind", kind}});
                 return json{{"items", items}};
               });
             });
  router.add({.method = "PUT",
              .pattern = "/api/v1/requests/calendar/{date}",
              .summary = "Mark a date a holiday, a make-up workday, or normal again",
              .tag = "requests",
              .request_body = {{"type", "object"}, {"required", {"kind"}}}},
             [&s](http::Request& req) {
               auto date = parseDate(req.path_params.at("date"));
               if (!date)
                 return http::errorResponse(invalidArgument("date", "date must be like 2026-10-01"),
                                            req.request_id);
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto kind, ji::requiredString(body, "kind", 1, 16));
               Status st = s.setBusinessDay(req.caller(), *date, kind);
               if (!st.ok()) return http::errorResponse(st, req.request_id);
               return Response::json(200, {{"date", formatDate(*date)}, {"kind", kind}});
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/requests/escalation-levels",
              .summary = "Who is called at each escalation level (吹哨) and their report-in time",
              .tag = "requests"},
             [&s](http::Request& req) {
               return http::reply(s.escalationLevels(req.caller()), req, [](const auto& levels) {
                 json items = json::array();
                 for (const auto& l : levels)
                   items.push_back({{"level", l.level},
                                    {"color", l.color},
                                    {"called", l.called},
                                    {"called_en", l.called_en},
                                    {"report_in_hours", l.report_in_hours}});
                 return json{{"items", items}};
               });
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/requests/followups",
              .summary = "Follow-up visits (回访) after low ratings, in scope",
              .tag = "requests",
              .query_params = {"mine", "open"}},
             [&s](http::Request& req) {
               const bool mine = http::queryText(req, "mine").value_or("") == "1";
               const bool open = http::queryText(req, "open").value_or("") == "1";
               return http::reply(s.followups(req.caller(), mine, open), req, [](const auto& list) {
                 json items = json::array();
                 for (const Followup& f : list)
                   items.push_back({{"id", std::to_string(f.id)},
                                    {"request_id", std::to_string(f.request_id)},
                                    {"number", f.number},
                                    {"assignee_id", optionalJson(f.assignee_id)},
                                    {"created_at", formatIso8601(f.created_at)},
                                    {"due_at", formatIso8601(f.due_at)},
                                    {"done_at", timeJson(f.done_at)},
                                    {"note", f.note}});
                 return json{{"items", items}};
               });
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/requests/followups/{id}/done",
              .summary = "Record a follow-up visit",
              .tag = "requests",
              .request_body = {{"type", "object"}, {"required", {"note"}}}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
               LINLI_HTTP_ASSIGN(auto note, ji::requiredString(body, "note", 1, 2000));
               Status st = s.finishFollowup(req.caller(), id, note);
               if (!st.ok()) return http::errorResponse(st, req.request_id);
               return Response::noContent();
             });
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/requests/classify",
       .summary = "Suggest the top 3 categories and a priority for a description",
       .tag = "requests",
       .request_body = {{"type", "object"}, {"required", {"description"}}}},
      [&s](http::Request& req) {
        LINLI_HTTP_ASSIGN(auto body, http::jsonObjectBody(req));
        LINLI_HTTP_ASSIGN(auto text, ji::requiredString(body, "description", 1, 4000));
        return http::reply(s.classify(req.caller(), text), req, [](const Suggestion& g) {
          json cats = json::array();
          for (const auto& c : g.categories)
            cats.push_back({{"code", c.code}, {"name", c.name}, {"confidence", c.confidence}});
          return json{{"categories", cats},
                      {"priority", g.priority ? json{{"value", g.priority->code},
                                                     {"confidence", g.priority->confidence}}
                                              : json()}};
        });
      });
  router.add({.method = "POST",
              .pattern = "/api/v1/requests",
              .summary = "File a request (Idempotency-Key accepted)",
              .tag = "requests",
              .request_body = {{"type", "object"}, {"required", {"description"}}},
              .success_status = 201,
              .answers_later = true},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(auto in, newRequestFrom(req));
               // Answered once the commit is on disk, without holding a thread meanwhile.
               auto later = std::make_shared<http::Later>();
               s.fileAsync(req.caller(), std::move(in),
                           [&s, later, caller = req.caller()](Result<Request> filed) {
                             later->fulfil([&s, caller, filed = std::move(filed)] {
                               if (!filed.ok())
                                 return http::errorResponse(filed.status(), caller.request_id);
                               return http::Response::json(201, requestJson(s, caller, *filed));
                             });
                           });
               return http::Response::later(later);
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/requests",
              .summary = "Requests in scope, in deadline order",
              .tag = "requests",
              .query_params = {"status", "mine", "overdue", "grid_id", "assignee_id", "q", "page",
                               "page_size"}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(auto p, http::pageParams(req));
               RequestQuery q;
               q.page = p.page;
               q.page_size = p.page_size;
               q.status = http::queryText(req, "status");
               q.mine = http::queryText(req, "mine").value_or("") == "1";
               q.overdue = http::queryText(req, "overdue").value_or("") == "1";
               LINLI_HTTP_ASSIGN(q.grid_id, http::queryId(req, "grid_id"));
               LINLI_HTTP_ASSIGN(q.assignee_id, http::queryId(req, "assignee_id"));
               q.q = http::queryText(req, "q");
               return http::reply(s.list(req.caller(), q), req, [&](const RequestPage& page) {
                 json items = json::array();
                 for (const auto& r : page.items) items.push_back(requestJson(s, req.caller(), r));
                 return json{{"items", items},
                             {"total", page.total},
                             {"page", p.page},
                             {"page_size", p.page_size}};
               });
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/requests/{id}",
              .summary = "A request with its timeline",
              .tag = "requests"},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               LINLI_HTTP_ASSIGN(auto r, s.get(req.caller(), id));
               LINLI_HTTP_ASSIGN(auto events, s.timeline(req.caller(), id));
               LINLI_HTTP_ASSIGN(auto escalation, s.currentEscalation(req.caller(), id));
               LINLI_HTTP_ASSIGN(auto duplicates, s.possibleDuplicates(req.caller(), id));
               json out = requestJson(s, req.caller(), r);
               if (escalation)
                 out["escalation"] = {{"level", escalation->level},
                                      {"color", escalation->color},
                                      {"called", escalation->called},
                                      {"at", formatIso8601(escalation->at)},
                                      {"report_in_due", formatIso8601(escalation->report_in_due)},
                                      {"reported_at", timeJson(escalation->reported_at)}};
               out["possible_duplicates"] = json::array();
               for (const auto& d : duplicates)
                 out["possible_duplicates"].push_back(
                     {{"id", std::to_string(d.id)}, {"number", d.number}});
               out["timeline"] = json::array();
               for (const auto& e : events) out["timeline"].push_back(eventJson(e));
               LINLI_HTTP_ASSIGN(auto photos, s.photos(req.caller(), id));
               out["photos"] = json::array();
               for (const auto& p : photos) out["photos"].push_back(photoJson(id, p));
               out["can_add_photo"] =
                   s.canAddPhoto(req.caller(), r) && photos.size() < kMaxPhotosPerRequest;
               return Response::json(200, out);
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/requests/{id}/actions/{action}",
              .summary = "Move a request along its lifecycle (409 when not allowed now)",
              .tag = "requests",
              .request_body = {{"type", "object"}}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               LINLI_HTTP_ASSIGN(auto in, actionFrom(req));
               return http::reply(
                   s.act(req.caller(), id, req.path_params.at("action"), in), req,
                   [&](const Request& r) { return requestJson(s, req.caller(), r); });
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/requests/{id}/photos",
              .summary = "Add a photo: the raw JPEG, PNG or WebP bytes (at most 6, 5 MB each)",
              .tag = "requests",
              .success_status = 201,
              .max_body_bytes = 8 * 1024 * 1024},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               return http::reply(
                   s.addPhoto(req.caller(), id, req.body, req.header("content-type")), req,
                   [&](const PhotoInfo& p) { return photoJson(id, p); }, 201);
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/requests/{id}/photos/{photo_id}",
              .summary = "A photo of a request (the image itself)",
              .tag = "requests"},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               LINLI_HTTP_ASSIGN(int64_t photo_id,
                                 ji::parseId(req.path_params.at("photo_id"), "photo_id"));
               LINLI_HTTP_ASSIGN(auto p, s.photo(req.caller(), id, photo_id));
               Response out;
               out.content_type = p.info.content_type;
               out.body = std::move(p.bytes);
               out.headers.emplace_back("Cache-Control", "no-store");
               return out;
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/requests/updates",
              .summary = "Requests in scope changed after `since` (for open pages)",
              .tag = "requests",
              .query_params = {"since"}},
             [&s](http::Request& req) {
               auto text = http::queryText(req, "since");
               std::optional<TimeMs> since = text ? parseIso8601(*text) : std::nullopt;
               if (text && !since)
                 return http::errorResponse(
                     invalidArgument("since", "since is a time like 2026-11-23T09:00:00+08:00"),
                     req.request_id);
               // Commits land a little after their clock reading: look back two seconds.
               const TimeMs now = s.now();
               RequestQuery q;
               q.updated_after = since.value_or(now) - 2000;
               q.page_size = 200;
               return http::reply(s.list(req.caller(), q), req, [&](const RequestPage& page) {
                 json items = json::array();
                 for (const auto& r : page.items)
                   items.push_back(
                       {{"id", std::to_string(r.id)},
                        {"number", r.number},
                        {"status", r.status},
                        {"escalation", r.escalation_level > 0 ? json{{"level", r.escalation_level},
                                                                     {"color", r.escalation_color}}
                                                              : json()},
                        {"updated_at", formatIso8601(r.updated_at)},
                        {"new", r.created_at > q.updated_after.value()}});
                 return json{{"now", formatIso8601(now)}, {"items", items}};
               });
             });
  router.add({.method = "GET",
              .pattern = "/api/v1/requests/workload",
              .summary = "Open and overdue work of each person in your area, heaviest first",
              .tag = "requests"},
             [&s](http::Request& req) {
               return http::reply(s.workload(req.caller()), req, [](const auto& people) {
                 json items = json::array();
                 for (const auto& w : people) items.push_back(workloadJson(w));
                 return json{{"people", items}};
               });
             });
  router.add({.method = "PUT",
              .pattern = "/api/v1/requests/workload/{id}/leave",
              .summary = "Put a person on leave (no new requests for them)",
              .tag = "requests",
              .request_body = {{"type", "object"}, {"required", {"from", "until"}}}},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               LINLI_HTTP_ASSIGN(auto leave, leaveFrom(req));
               return http::reply(s.setLeave(req.caller(), id, leave), req, workloadJson);
             });
  router.add({.method = "DELETE",
              .pattern = "/api/v1/requests/workload/{id}/leave",
              .summary = "End a person's leave",
              .tag = "requests"},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               return http::reply(s.setLeave(req.caller(), id, std::nullopt), req, workloadJson);
             });
  router.add({.method = "POST",
              .pattern = "/api/v1/requests/workload/{id}/handover",
              .summary = "Hand all of a person's open requests to the least-loaded colleagues",
              .tag = "requests"},
             [&s](http::Request& req) {
               LINLI_HTTP_ASSIGN(int64_t id, http::pathId(req));
               return http::reply(s.handover(req.caller(), id), req, [](int moved) {
                 return json{{"moved", moved}};
               });
             });
}

}  // namespace linli::requests
