// Chinese resident ID numbers (GB 11643-1999). An 18-character number is
// region (6 digits) + birth date (YYYYMMDD) + sequence (3 digits, odd for men)
// + a check character (ISO 7064 MOD 11-2, 0-9 or X). Legacy 15-digit numbers
// (region + YYMMDD + sequence, born 19xx) are converted to 18 characters.
// Parsing trims spaces, accepts a lower-case x, and rejects wrong check
// characters, impossible or future dates and unknown province codes, each
// with a message a community worker can act on.
#pragma once

#include <string>
#include <string_view>

#include "common/civil_date.h"
#include "common/result.h"

namespace linli {

enum class Sex { kMale, kFemale };

struct IdNumber {
  std::string number;  // 18 characters, upper-case X
  CivilDate birth_date;
  Sex sex = Sex::kMale;
  std::string region_code;
  bool converted_from_15 = false;
  std::string last4() const { return number.substr(14); }
};

// `today` bounds the birth date (no one is born tomorrow).
Result<IdNumber> parseIdNumber(std::string_view text, const CivilDate& today);
// The check character for the first 17 digits; '\0' if they are not 17 digits.
char idCheckCharacter(std::string_view first17);

}  // namespace linli
