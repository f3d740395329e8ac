// Clock: the only source of "now" in linli. Production uses SystemClock;
// tests and simulations use SimulatedClock, which moves only when told, so
// deadlines, sessions and jobs are deterministic under test.
// Times are UTC milliseconds since the Unix epoch (TimeMs). Display and the
// API use ISO 8601 with an offset (the street's, +08:00 by default).
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace linli {

using TimeMs = int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimeMs now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimeMs now() const override;
};

class SimulatedClock final : public Clock {
 public:
  explicit SimulatedClock(TimeMs start) : now_(start) {}
  TimeMs now() const override { return now_.load(); }
  void advance(TimeMs by) { now_ += by; }
  void set(TimeMs to) { now_ = to; }

 private:
  std::atomic<TimeMs> now_;
};

// "2026-11-22T18:57:42+08:00" for offset_minutes = 480.
std::string formatIso8601(TimeMs t, int offset_minutes = 480);
// Accepts "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]]" with "Z" or "+hh:mm"/"-hh:mm";
// a missing offset means `default_offset_minutes`.
std::optional<TimeMs> parseIso8601(std::string_view text, int default_offset_minutes = 480);

}  // namespace linli
