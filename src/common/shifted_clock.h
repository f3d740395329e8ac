// ShiftedClock: real time shifted. It starts at a chosen instant, then runs at
// real speed, and may be moved forward (never back). For `linli serve
// --clock-start/--test-clock`, so black-box tests run the real server on a day
// of their choosing and cross deadlines without waiting for them.
#pragma once

#include <atomic>

#include "common/clock.h"

namespace linli {

class ShiftedClock final : public Clock {
 public:
  explicit ShiftedClock(TimeMs start) : offset_(start - system_.now()) {}
  TimeMs now() const override { return system_.now() + offset_.load(); }
  void advance(TimeMs by) {
    if (by > 0) offset_ += by;
  }

 private:
  SystemClock system_;
  std::atomic<TimeMs> offset_;
};

}  // namespace linli
