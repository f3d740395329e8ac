#include "requests/business_calendar.h"

#include <algorithm>

namespace linli::requests {

namespace {
constexpr TimeMs kDay = 24 * 3600 * 1000;
constexpr TimeMs kOffset = 8 * 3600 * 1000;  // local time is UTC+8
// A deadline further than this many days away is a configuration mistake, not a loop.
constexpr int kMaxDays = 3660;

int64_t localDay(TimeMs t) {
  TimeMs local = t + kOffset;
  return local >= 0 ? local / kDay : (local - kDay + 1) / kDay;
}
TimeMs dayStart(int64_t day) { return day * kDay - kOffset; }
}  // namespace

bool BusinessCalendar::workday(int64_t day) const {
  if (auto it = overrides_.find(day); it != overrides_.end()) return it->second == Day::kWorkday;
  const int64_t weekday = ((day % 7) + 7 + 4) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday != 0 && weekday != 6;
}

bool BusinessCalendar::isWorkday(const CivilDate& date) const { return workday(toDays(date)); }

TimeMs BusinessCalendar::add(TimeMs from, TimeMs duration) const {
  TimeMs cursor = from, left = std::max<TimeMs>(duration, 0);
  for (int i = 0; i < kMaxDays; ++i) {
    const int64_t day = localDay(cursor);
    const TimeMs end = dayStart(day + 1);
    if (workday(day)) {
      if (left <= end - cursor) return cursor + left;
      left -= end - cursor;
    }
    cursor = end;
  }
  return cursor + left;
}

TimeMs BusinessCalendar::between(TimeMs a, TimeMs b) const {
  TimeMs total = 0;
  for (int i = 0; a < b && i < kMaxDays; ++i) {
    const int64_t day = localDay(a);
    const TimeMs end = std::min(dayStart(day + 1), b);
    if (workday(day)) total += end - a;
    a = end;
  }
  return total;
}

}  // namespace linli::requests
