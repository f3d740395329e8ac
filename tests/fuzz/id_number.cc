// ID-number parser (GB 11643): any text; a parsed number parses again to itself.
#include "common/id_number.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const linli::CivilDate today{2026, 12, 2};
  auto id = linli::parseIdNumber(text, today);
  if (id.ok()) {
    auto again = linli::parseIdNumber(id->number, today);
    if (!again.ok() || again->number != id->number) __builtin_trap();
    (void)id->last4();
  }
  if (size >= 17) (void)linli::idCheckCharacter(text.substr(0, 17));
  return 0;
}
