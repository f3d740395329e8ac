#include "requests/national_calendar.h"

namespace linli::requests {

namespace {

void holidays(std::vector<NationalDay>& out, int year, int month, int first, int last) {
  for (int d = first; d <= last; ++d) out.push_back({{year, month, d}, "holiday"});
}

}  // namespace

const std::vector<NationalDay>& nationalCalendar() {
  static const std::vector<NationalDay> days = [] {
    std::vector<NationalDay> v;
    // 2026 (国办发明电〔2025〕7号)
    holidays(v, 2026, 1, 1, 3);  // 元旦
    v.push_back({{2026, 1, 4}, "workday"});
    v.push_back({{2026, 2, 14}, "workday"});
    holidays(v, 2026, 2, 15, 23);  // 春节
    v.push_back({{2026, 2, 28}, "workday"});
    holidays(v, 2026, 4, 4, 6);  // 清明节
    holidays(v, 2026, 5, 1, 5);  // 劳动节
    v.push_back({{2026, 5, 9}, "workday"});
    holidays(v, 2026, 6, 19, 21);  // 端午节
    v.push_back({{2026, 9, 20}, "workday"});
    holidays(v, 2026, 9, 25, 27);  // 中秋节
    holidays(v, 2026, 10, 1, 7);   // 国庆节
    v.push_back({{2026, 10, 10}, "workday"});
    return v;
  }();
  return days;
}

}  // namespace linli::requests
