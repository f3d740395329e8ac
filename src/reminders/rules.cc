#include "reminders/rules.h"

#include <cstdio>
#include <sstream>

namespace linli::reminders {

namespace {
// ISO 8601 weekday, Monday 1 … Sunday 7.
int weekday(const CivilDate& d) {
  const int64_t days = toDays(d);  // 1970-01-01 was a Thursday
  return static_cast<int>(((days % 7) + 7 + 3) % 7) + 1;
}
// ISO week-numbering year and week of a date.
std::pair<int, int> isoWeek(const CivilDate& d) {
  const CivilDate thursday = fromDays(toDays(d) - weekday(d) + 4);
  const int64_t jan1 = toDays(CivilDate{thursday.year, 1, 1});
  return {thursday.year, static_cast<int>((toDays(thursday) - jan1) / 7 + 1)};
}
}  // namespace

Result<std::vector<int>> parseAges(const std::string& text) {
  std::vector<int> out;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    const auto b = part.find_first_not_of(' '), e = part.find_last_not_of(' ');
    if (b == std::string::npos) continue;
    part = part.substr(b, e - b + 1);
    if (part.empty() || part.size() > 3 ||
        part.find_first_not_of("0123456789") != std::string::npos)
      return invalidArgument("ages", "ages are numbers like 80,90,100");
    const int age = std::stoi(part);
    if (age < 1 || age > 130) return invalidArgument("ages", "ages lie between 1 and 130");
    out.push_back(age);
  }
  return out;
}

std::string formatAges(const std::vector<int>& ages) {
  std::string out;
  for (size_t i = 0; i < ages.size(); ++i) out += (i ? "," : "") + std::to_string(ages[i]);
  return out;
}

Status validateRule(const ReminderRule& r) {
  if (r.name.empty()) return invalidArgument("name", "give the rule a name");
  if (r.condition == "report") {
    if (!r.report_id) return invalidArgument("report_id", "choose one of your saved reports");
  } else if (r.condition == "birthday") {
    if (r.ages.empty()) return invalidArgument("ages", "which ages, e.g. 80,90,100");
  } else {
    return invalidArgument("condition", "condition is report or birthday");
  }
  if (r.schedule != "daily" && r.schedule != "weekly" && r.schedule != "monthly")
    return invalidArgument("schedule", "schedule is daily, weekly or monthly");
  if (r.recipients != "author" && r.recipients != "residents")
    return invalidArgument("recipients", "recipients are author or residents");
  if (r.subject.empty()) return invalidArgument("subject", "give the message a title");
  if (r.body.empty()) return invalidArgument("body", "give the message a text");
  return Status::Ok();
}

std::optional<std::string> periodOn(const std::string& schedule, const CivilDate& today) {
  char buf[16];
  if (schedule == "daily") return formatDate(today);
  if (schedule == "weekly") {
    if (weekday(today) != 1) return std::nullopt;
    auto [year, week] = isoWeek(today);
    std::snprintf(buf, sizeof buf, "%04d-W%02d", year, week);
    return std::string(buf);
  }
  if (schedule == "monthly") {
    if (today.day != 1) return std::nullopt;
    std::snprintf(buf, sizeof buf, "%04d-%02d", today.year, today.month);
    return std::string(buf);
  }
  return std::nullopt;
}

std::pair<CivilDate, CivilDate> periodDays(const std::string& schedule, const CivilDate& today) {
  if (schedule == "weekly") {
    const int64_t monday = toDays(today) - (weekday(today) - 1);
    return {fromDays(monday), fromDays(monday + 6)};
  }
  if (schedule == "monthly")
    return {CivilDate{today.year, today.month, 1},
            CivilDate{today.year, today.month, daysInMonth(today.year, today.month)}};
  return {today, today};
}

}  // namespace linli::reminders
