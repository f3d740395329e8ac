#include "notify/quiet_hours.h"

#include <cstdio>

namespace linli::notify {

namespace {
constexpr TimeMs kMinuteMs = 60 * 1000;
constexpr TimeMs kDayMs = 24 * 60 * kMinuteMs;
}  // namespace

std::optional<int> parseClockTime(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return std::nullopt;
  auto digit = [&](size_t i) { return t[i] >= '0' && t[i] <= '9' ? t[i] - '0' : -100; };
  const int h = digit(0) * 10 + digit(1), m = digit(3) * 10 + digit(4);
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return h * 60 + m;
}

std::string formatClockTime(int minute) {
  char buf[24];  // room for any int the format can be given
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

TimeMs releaseAt(TimeMs now, const QuietHours& q, bool urgent, int offset_minutes) {
  if (urgent || q.start_minute == q.end_minute) return now;
  const TimeMs local = now + offset_minutes * kMinuteMs;
  const TimeMs day_start = local - ((local % kDayMs) + kDayMs) % kDayMs;
  const int minute = static_cast<int>((local - day_start) / kMinuteMs);
  const bool crosses = q.start_minute > q.end_minute;
  const bool inside = crosses ? (minute >= q.start_minute || minute < q.end_minute)
                              : (minute >= q.start_minute && minute < q.end_minute);
  if (!inside) return now;
  // The end of this window: today, or tomorrow when the window began before midnight.
  TimeMs end = day_start + q.end_minute * kMinuteMs;
  if (crosses && minute >= q.start_minute) end += kDayMs;
  return end - offset_minutes * kMinuteMs;
}

}  // namespace linli::notify
