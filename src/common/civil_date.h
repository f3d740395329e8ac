// CivilDate: a calendar date without time zone (birth dates, inspection due
// dates, holidays). Age follows the calendar: a person born on 29 February
// turns a year older on 1 March in common years.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"

namespace linli {

struct CivilDate {
  int year = 1970;
  int month = 1;
  int day = 1;
  auto operator<=>(const CivilDate&) const = default;
};

bool isLeapYear(int year);
int daysInMonth(int year, int month);
bool isValidDate(int year, int month, int day);
// Days since 1970-01-01 (negative before).
int64_t toDays(const CivilDate& d);
CivilDate fromDays(int64_t days);
// Whole years completed on `on`.
int ageOn(const CivilDate& birth, const CivilDate& on);
// The local calendar date of instant `t` at `offset_minutes` from UTC.
CivilDate dateAt(TimeMs t, int offset_minutes = 480);
// "2026-11-22"
std::string formatDate(const CivilDate& d);
std::optional<CivilDate> parseDate(std::string_view text);

}  // namespace linli
