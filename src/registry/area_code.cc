#include "registry/area_code.h"

#include <algorithm>
#include <array>

namespace linli::registry {

namespace {

// The province-level codes of GB/T 2260 (the first two digits).
constexpr std::array<std::string_view, 34> kProvinces = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
    "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
    "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"};

bool digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The parts every 12-digit code shares: province, city, county, township.
Status checkCommon(std::string_view code, const std::string& field) {
  if (code.size() != 12 || !digits(code))
    return invalidArgument(field, "area code must have 12 digits");
  if (std::find(kProvinces.begin(), kProvinces.end(), code.substr(0, 2)) == kProvinces.end())
    return invalidArgument(field, "area code must begin with a province code (11–82)");
  if (code.substr(2, 2) == "00")
    return invalidArgument(field, "digits 3–4 of the area code (the city) cannot be 00");
  if (code.substr(4, 2) == "00")
    return invalidArgument(field, "digits 5–6 of the area code (the county) cannot be 00");
  if (code.substr(6, 3) == "000")
    return invalidArgument(field, "digits 7–9 of the area code (the street) cannot be 000");
  return Status::Ok();
}

}  // namespace

Status checkStreetCode(std::string_view code, std::string_view county, const std::string& field) {
  LINLI_TRY(checkCommon(code, field));
  if (code.substr(9) != "000")
    return invalidArgument(field,
                           "a street's area code ends in 000 (digits 10–12 are the "
                           "community's)");
  if (!county.empty() && code.substr(0, 6) != county)
    return invalidArgument(
        field, "a street's area code must begin with its county's code " + std::string(county));
  return Status::Ok();
}

Status checkCommunityCode(std::string_view code, std::string_view street_code,
                          const std::string& field) {
  LINLI_TRY(checkCommon(code, field));
  if (code.substr(9) == "000")
    return invalidArgument(field, "digits 10–12 of a community's area code cannot be 000");
  if (street_code.size() == 12 && code.substr(0, 9) != street_code.substr(0, 9))
    return invalidArgument(field, "a community's area code must begin with its street's " +
                                      std::string(street_code.substr(0, 9)));
  return Status::Ok();
}

Status checkGridCode(std::string_view code, const std::string& field) {
  if (code.empty() || code.size() > 32)
    return invalidArgument(field, "grid code must have 1 to 32 characters");
  for (char c : code)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-'))
      return invalidArgument(field, "grid code may contain only 0-9, A-Z, a-z and '-'");
  return Status::Ok();
}

}  // namespace linli::registry
