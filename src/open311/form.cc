#include "open311/form.h"

#include "common/clock.h"
#include "http/request.h"

namespace linli::open311 {

namespace {
constexpr TimeMs kDayMs = 24 * 3600 * 1000;
Status bad(std::string description) { return invalidArgument("", std::move(description)); }
}  // namespace

std::optional<std::string> Form::param(std::string_view key) const {
  if (post) {
    if (auto v = http::formValue(body, key)) return v;
  }
  return http::formValue(query, key);
}

Result<requests::NewRequest> decodeFiling(const Form& form) {
  requests::NewRequest in;
  auto code = form.param("service_code");
  if (!code || code->empty()) return bad("service_code is required");
  in.category = *code;
  // Lengths, text and coordinates are checked by the requests service, as for every door.
  in.description = form.param("description").value_or("");
  if (in.description.empty()) return bad("description is required");
  in.address = form.param("address_string").value_or("");
  auto number = [&](const char* key) -> std::optional<double> {
    auto v = form.param(key);
    if (!v || v->empty()) return std::nullopt;
    try {  // the whole value, or it is not a number ("12abc", "1e999")
      size_t used = 0;
      double d = std::stod(*v, &used);
      return used == v->size() ? std::optional<double>(d) : std::nullopt;
    } catch (...) {
      return std::nullopt;
    }
  };
  in.lat = number("lat");
  in.lng = number("long");
  if ((form.param("lat") && !in.lat) || (form.param("long") && !in.lng))
    return bad("lat and long must be numbers");
  if (!in.lat && !in.lng && in.address.empty() && !form.param("address_id"))
    return bad("a location is required: lat/long, address_string or address_id");
  if (auto building = form.param("address_id"); building && !building->empty()) {
    try {
      in.building_id = std::stoll(*building);
    } catch (...) {
      return bad("address_id must be a building id");
    }
  }
  in.contact_name = form.param("last_name").value_or("") + form.param("first_name").value_or("");
  if (auto phone = form.param("phone"); phone && !phone->empty()) in.contact_phone = *phone;
  return in;
}

Result<requests::RequestQuery> decodeSearch(const Form& form, TimeMs now) {
  requests::RequestQuery q;
  q.page_size = 1000;
  if (auto ids = form.param("service_request_id"); ids && !ids->empty()) {
    size_t start = 0;
    while (start <= ids->size()) {
      size_t comma = ids->find(',', start);
      std::string one =
          ids->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      try {
        q.ids.push_back(std::stoll(one));
      } catch (...) {
        return bad("service_request_id must be ids separated by commas");
      }
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  if (auto code = form.param("service_code"); code && !code->empty()) q.category = *code;
  auto time = [&](const char* key, std::optional<TimeMs>& out) -> bool {
    auto v = form.param(key);
    if (!v || v->empty()) return true;
    out = parseIso8601(*v);
    return out.has_value();
  };
  if (!time("start_date", q.created_from) || !time("end_date", q.created_to))
    return bad("start_date and end_date are ISO 8601 times");
  if (q.ids.empty() && !q.created_from) q.created_from = now - 90 * kDayMs;  // the spec's default
  if (auto status = form.param("status"); status && !status->empty()) {
    const bool open = status->find("open") != std::string::npos;
    const bool closed = status->find("closed") != std::string::npos;
    if (!open && !closed) return bad("status is open or closed");
    if (open != closed) q.open = open;
  }
  return q;
}

}  // namespace linli::open311
