// Registry records as the API shows them (ids as strings, masked personal data).
#pragma once

#include <nlohmann/json.hpp>

#include "registry/model.h"

namespace linli::registry {

nlohmann::json toJson(const Building& b);
nlohmann::json toJson(const Household& h);
// `today` gives the age. The birth date is null unless `birth_date` (the
// caller may reveal): beside the last 4 of the ID number it completes the number.
nlohmann::json toJson(const Resident& r, const CivilDate& today, bool birth_date);
nlohmann::json toJson(const Asset& a);

}  // namespace linli::registry
