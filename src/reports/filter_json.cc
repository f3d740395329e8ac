#include "common/json_input.h"
#include "reports/reports.h"

namespace linli::reports {

namespace ji = json_input;

Result<Filter> parseFilter(const nlohmann::json& j) {
  if (!j.is_object()) return invalidArgument("filter", "filter must be an object");
  static const std::vector<std::string> kKeys = {"age_min",
                                                 "age_max",
                                                 "on",
                                                 "sex",
                                                 "tags_any",
                                                 "tags_all",
                                                 "tags_none",
                                                 "residence_status",
                                                 "community_id",
                                                 "grid_id",
                                                 "building_id",
                                                 "household_size_min",
                                                 "household_size_max",
                                                 "living_alone",
                                                 "skills_any",
                                                 "text",
                                                 "status"};
  for (const auto& [k, v] : j.items())
    if (std::find(kKeys.begin(), kKeys.end(), k) == kKeys.end())
      return invalidArgument("filter." + k, "unknown filter " + k);
  Filter f;
  auto named = [](Status st) { return Status(st.code(), st.message(), "filter." + st.field()); };
  auto num = [&](const char* key, std::optional<int>& out, int lo, int hi) -> Status {
    auto v = ji::optionalInt(j, key, lo, hi);
    if (!v.ok()) return named(v.status());
    out = *v;
    return Status::Ok();
  };
  auto list = [&](const char* key, std::vector<std::string>& out) -> Status {
    auto v = ji::optionalStringList(j, key);
    if (!v.ok()) return named(v.status());
    if (*v) out = **v;
    return Status::Ok();
  };
  auto id = [&](const char* key, std::optional<int64_t>& out) -> Status {
    auto v = ji::optionalId(j, key);
    if (!v.ok()) return named(v.status());
    out = *v;
    return Status::Ok();
  };
  LINLI_TRY(num("age_min", f.age_min, 0, 150));
  LINLI_TRY(num("age_max", f.age_max, 0, 150));
  if (f.age_min && f.age_max && *f.age_min > *f.age_max)
    return invalidArgument("filter.age_max", "age_max is below age_min");
  LINLI_TRY(num("household_size_min", f.household_size_min, 1, 50));
  LINLI_TRY(num("household_size_max", f.household_size_max, 1, 50));
  LINLI_TRY(list("tags_any", f.tags_any));
  LINLI_TRY(list("tags_all", f.tags_all));
  LINLI_TRY(list("tags_none", f.tags_none));
  LINLI_TRY(list("residence_status", f.residence_status));
  LINLI_TRY(list("skills_any", f.skills_any));
  LINLI_TRY(id("community_id", f.community_id));
  LINLI_TRY(id("grid_id", f.grid_id));
  LINLI_TRY(id("building_id", f.building_id));
  auto on = ji::optionalString(j, "on", 0, 10);
  if (!on.ok()) return named(on.status());
  if (*on && !(*on)->empty()) {
    f.on = parseDate(**on);
    if (!f.on) return invalidArgument("filter.on", "on must be a date like 2026-11-22");
  }
  auto sex = ji::optionalString(j, "sex", 0, 8);
  if (!sex.ok()) return named(sex.status());
  if (*sex && !(*sex)->empty()) f.sex = **sex;
  auto text = ji::optionalString(j, "text", 0, 64);
  if (!text.ok()) return named(text.status());
  if (*text && !(*text)->empty()) f.text = **text;
  auto status = ji::optionalString(j, "status", 0, 16);
  if (!status.ok()) return named(status.status());
  if (*status && !(*status)->empty()) f.status = **status;
  auto alone = ji::optionalBool(j, "living_alone");
  if (!alone.ok()) return named(alone.status());
  f.living_alone = *alone;
  return f;
}

Result<std::vector<std::string>> parseGroupBy(const nlohmann::json& j) {
  if (j.is_null()) return std::vector<std::string>{};
  nlohmann::json wrapper = {{"group_by", j}};
  auto v = ji::optionalStringList(wrapper, "group_by");
  if (!v.ok()) return v.status();
  static const std::vector<std::string> kGroups = {"grid", "community", "age_band",
                                                   "tag",  "sex",       "residence_status"};
  for (const auto& g : **v)
    if (std::find(kGroups.begin(), kGroups.end(), g) == kGroups.end())
      return invalidArgument("group_by", "cannot group by " + g);
  return **v;
}

}  // namespace linli::reports
