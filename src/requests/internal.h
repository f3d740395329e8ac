// Private to requests: what the use-case files of RequestService share — the
// units of time they count in, the names of their scheduled jobs and who a
// caller is (a resident sees what they filed, a department what it was given).
#pragma once

#include "common/clock.h"
#include "common/scope.h"

namespace linli::requests {

constexpr TimeMs kHourMs = 3600 * 1000;
constexpr TimeMs kDayMs = 24 * kHourMs;
constexpr TimeMs kWeekMs = 7 * kDayMs;

// Job kinds on the scheduler (jobs.cc registers their handlers).
constexpr const char* kWarnJob = "requests.warn";
constexpr const char* kEscalateJob = "requests.escalate";
constexpr const char* kAutoCloseJob = "requests.autoclose";

inline bool isResident(const Caller& c) { return c.principal && c.principal->role == "resident"; }
inline bool isDepartment(const Caller& c) {
  return c.principal && c.principal->role == "department";
}

}  // namespace linli::requests
