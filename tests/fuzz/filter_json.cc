// Report filter JSON: arbitrary JSON through parseFilter.
#include <cstddef>
#include <cstdint>

#include "reports/reports.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto j = nlohmann::json::parse(data, data + size, nullptr, false);
  if (j.is_discarded()) return 0;
  (void)linli::reports::parseFilter(j);
  return 0;
}
