// Admin-defined reminder rules (自定义提醒规则): what a rule selects and when
// it runs, without storage or time of its own (pure), so the schedule and the
// birthday windows are tested on their own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/civil_date.h"
#include "common/result.h"

namespace linli::reminders {

struct ReminderRule {
  int64_t id = 0;
  std::string name;
  std::string condition;  // report | birthday
  std::optional<int64_t> report_id;
  std::vector<int> ages;  // birthday: the ages turned
  std::string schedule;   // daily | weekly | monthly
  std::string subject, body;
  std::string recipients;  // author | residents
  bool active = true;
  int64_t created_by = 0;
};

// Checks a rule as written by an admin; errors name the field.
Status validateRule(const ReminderRule& r);
// "80, 90,100" → {80, 90, 100}
Result<std::vector<int>> parseAges(const std::string& text);
std::string formatAges(const std::vector<int>& ages);

// The period a rule runs for on `today`, or nullopt when it does not run that
// day: daily every day ("2026-11-23"), weekly on Mondays ("2026-W48"),
// monthly on the 1st ("2026-11").
std::optional<std::string> periodOn(const std::string& schedule, const CivilDate& today);
// The days of the period that contains `today`, first and last (a birthday in
// them counts): the day, its ISO week, or its month.
std::pair<CivilDate, CivilDate> periodDays(const std::string& schedule, const CivilDate& today);

}  // namespace linli::reminders
