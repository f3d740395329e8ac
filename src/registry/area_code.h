// Private to registry: the structure of a 12-digit statistical area code
// (统计用区划代码): 2 province + 2 city + 2 county digits (GB/T 2260), then 3
// township (the street) and 3 village (the community) digits. A street's code
// ends in 000 and begins with its county's 6 digits; a community's begins with
// its street's 9. Errors are InvalidArgument on `field`. Pure.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace linli::registry {

// A street's code; `county` (6 digits) when the county is already fixed.
Status checkStreetCode(std::string_view code, std::string_view county = {},
                       const std::string& field = "code");
// A community's code under the street whose code is `street_code`.
Status checkCommunityCode(std::string_view code, std::string_view street_code,
                          const std::string& field = "code");
// A grid's own code (the street's numbering, not a statistical code): 1 to 32
// of 0-9, A-Z, a-z and '-'.
Status checkGridCode(std::string_view code, const std::string& field = "code");

}  // namespace linli::registry
