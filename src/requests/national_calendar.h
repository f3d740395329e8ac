// The national public holidays and make-up workdays (调休) as the State
// Council's General Office announces them each year (国务院办公厅关于…部分节假日
// 安排的通知). A new street starts from these; its admin corrects or adds
// (the calendar page) when the next year's notice is out. Plain data: each
// entry is a date and "holiday" or "workday", the kinds the calendar stores.
#pragma once

#include <vector>

#include "common/civil_date.h"

namespace linli::requests {

struct NationalDay {
  CivilDate date;
  const char* kind;  // "holiday" | "workday"
};

// The years announced so far (2026), in date order.
const std::vector<NationalDay>& nationalCalendar();

}  // namespace linli::requests
