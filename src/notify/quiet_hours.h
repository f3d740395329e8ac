// Quiet hours (免打扰): a daily window in local time (+08:00) during which
// non-urgent SMS and email wait. The window may cross midnight (22:00–07:00);
// equal start and end means no quiet hours. In-app messages never wait. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"

namespace linli::notify {

struct QuietHours {
  int start_minute = 22 * 60;  // minutes after local midnight
  int end_minute = 7 * 60;
};

// "22:00" → minutes after midnight, or nullopt.
std::optional<int> parseClockTime(std::string_view hhmm);
std::string formatClockTime(int minute);

// When a message made at `now` may be sent: `now`, or the end of the quiet
// window `now` falls in.
TimeMs releaseAt(TimeMs now, const QuietHours& q, bool urgent, int offset_minutes = 480);

}  // namespace linli::notify
