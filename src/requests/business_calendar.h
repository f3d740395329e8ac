// BusinessCalendar: the days a street works — Monday to Friday, minus public
// holidays, plus make-up workdays (调休) — and deadline arithmetic that counts
// only working days' time, in local time (+08:00). "24 hours" filed on Friday
// at 20:00 is due on Monday at 20:00; a holiday week adds its days. Plain data:
// the overrides are loaded from the database by the caller.
#pragma once

#include <map>

#include "common/civil_date.h"
#include "common/clock.h"

namespace linli::requests {

class BusinessCalendar {
 public:
  enum class Day { kHoliday, kWorkday };
  // An override of the weekday rule for one date.
  void set(const CivilDate& date, Day kind) { overrides_[toDays(date)] = kind; }
  bool isWorkday(const CivilDate& date) const;
  // The moment `duration` of working time after `from`.
  TimeMs add(TimeMs from, TimeMs duration) const;
  // Working time between a and b (0 when b ≤ a).
  TimeMs between(TimeMs a, TimeMs b) const;

 private:
  bool workday(int64_t day) const;
  std::map<int64_t, Day> overrides_;  // days since 1970-01-01 (local)
};

}  // namespace linli::requests
