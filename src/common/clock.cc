#include "common/clock.h"

#include <chrono>
#include <cstdio>

#include "common/civil_date.h"

namespace linli {

TimeMs SystemClock::now() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::string formatIso8601(TimeMs t, int offset_minutes) {
  int64_t local_s = (t >= 0 ? t / 1000 : (t - 999) / 1000) + int64_t{offset_minutes} * 60;
  int64_t days = local_s >= 0 ? local_s / 86400 : (local_s - 86399) / 86400;
  int64_t secs = local_s - days * 86400;
  CivilDate date = fromDays(days);
  char buf[64];  // room for any int the format can be given
  int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02lld:%02lld:%02lld%c%02d:%02d", date.year,
                date.month, date.day, static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60),
                offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

std::optional<TimeMs> parseIso8601(std::string_view s, int default_offset_minutes) {
  int y, mo, d, h = 0, mi = 0, sec = 0, ms = 0;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d))
    return std::nullopt;
  if (!isValidDate(y, mo, d)) return std::nullopt;
  size_t pos = 10;
  int offset = default_offset_minutes;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != ' ') return std::nullopt;
    if (!digits(s, pos + 1, 2, h) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !digits(s, pos + 4, 2, mi))
      return std::nullopt;
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!digits(s, pos + 1, 2, sec)) return std::nullopt;
      pos += 3;
      if (pos < s.size() && s[pos] == '.') {
        size_t start = ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        std::string frac(s.substr(start, pos - start));
        if (frac.empty()) return std::nullopt;
        frac.resize(3, '0');
        ms = std::stoi(frac);
      }
    }
    if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
    if (pos < s.size()) {
      if (s[pos] == 'Z' && pos + 1 == s.size()) {
        offset = 0;
      } else if ((s[pos] == '+' || s[pos] == '-') && s.size() == pos + 6 && s[pos + 3] == ':') {
        int oh, om;
        if (!digits(s, pos + 1, 2, oh) || !digits(s, pos + 4, 2, om)) return std::nullopt;
        offset = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
      } else {
        return std::nullopt;
      }
    }
  }
  int64_t days = toDays({y, mo, d});
  int64_t secs = days * 86400 + h * 3600 + mi * 60 + sec - int64_t{offset} * 60;
  return secs * 1000 + ms;
}

}  // namespace linli
