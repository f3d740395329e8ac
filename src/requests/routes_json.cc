// How a request, an event and a photo are written as JSON (routes.h).
#include "common/clock.h"
#include "requests/routes.h"

namespace linli::requests {

using nlohmann::json;

json optionalJson(const std::optional<int64_t>& v) { return v ? json(std::to_string(*v)) : json(); }
json timeJson(const std::optional<TimeMs>& t) { return t ? json(formatIso8601(*t)) : json(); }

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
  out["received_at"] = timeJson(r.received_at);
  // New work: assigned and not yet received (签收) by its handler.
  out["new"] = r.status == "assigned" && !r.received_at;
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

json photoJson(int64_t request_id, const PhotoInfo& p) {
  return {{"id", std::to_string(p.id)},
          {"content_type", p.content_type},
          {"size", p.size},
          {"created_at", formatIso8601(p.created_at)},
          {"url",
           "/api/v1/requests/" + std::to_string(request_id) + "/photos/" + std::to_string(p.id)}};
}

}  // namespace linli::requests
