#include "registry/json.h"

namespace linli::registry {

using nlohmann::json;

namespace {
json idOrNull(const std::optional<int64_t>& v) { return v ? json(std::to_string(*v)) : json(); }
json numOrNull(const std::optional<double>& v) { return v ? json(*v) : json(); }
json dateOrNull(const std::optional<CivilDate>& d) { return d ? json(formatDate(*d)) : json(); }
}  // namespace

json toJson(const Building& b) {
  return {{"id", std::to_string(b.id)},
          {"name", b.name},
          {"address", b.address},
          {"community", {{"id", idOrNull(b.place.community_id)}, {"name", b.community_name}}},
          {"grid", {{"id", idOrNull(b.place.grid_id)}, {"name", b.grid_name}}},
          {"units", b.units},
          {"floors", b.floors},
          {"elevators", b.elevators},
          {"lat", numOrNull(b.lat)},
          {"lng", numOrNull(b.lng)},
          {"households", b.households}};
}

json toJson(const Household& h) {
  return {{"id", std::to_string(h.id)},
          {"building", {{"id", std::to_string(h.building_id)}, {"name", h.building_name}}},
          {"grid_id", idOrNull(h.place.grid_id)},
          {"unit", h.unit},
          {"room", h.room},
          {"address", h.address()},
          {"phone_masked", maskedPhone(h.phone_last4)},
          {"residence_type", h.residence_type},
          {"members", h.members}};
}

json toJson(const Resident& r, const CivilDate& today, bool birth_date) {
  return {{"id", std::to_string(r.id)},
          {"name", r.name},
          {"sex", r.sex == Sex::kFemale ? "female" : "male"},
          {"birth_date", birth_date ? json(formatDate(r.birth_date)) : json()},
          {"age", ageOn(r.birth_date, today)},
          {"ethnicity", r.ethnicity},
          {"id_number_masked", maskedIdNumber(r.id_last4)},
          {"phone_masked", maskedPhone(r.phone_last4)},
          {"household",
           {{"id", std::to_string(r.household_id)},
            {"address", r.address},
            {"size", r.household_size}}},
          {"building_id", std::to_string(r.building_id)},
          {"grid", {{"id", idOrNull(r.place.grid_id)}, {"name", r.grid_name}}},
          {"community_id", idOrNull(r.place.community_id)},
          {"relation", r.relation},
          {"residence_status", r.residence_status},
          {"tags", r.tags},
          {"skills", r.skills},
          {"notes", r.notes},
          {"status", r.status}};
}

json toJson(const Asset& a) {
  return {{"id", std::to_string(a.id)},
          {"building", {{"id", std::to_string(a.building_id)}, {"name", a.building_name}}},
          {"grid_id", idOrNull(a.place.grid_id)},
          {"kind", a.kind},
          {"name", a.name},
          {"location", a.location},
          {"owner", a.owner},
          {"maintainer", a.maintainer},
          {"last_inspection", dateOrNull(a.last_inspection)},
          {"next_inspection", dateOrNull(a.next_inspection)}};
}

}  // namespace linli::registry
