// Photo checker: type by content, structure walk, metadata stripping. The
// first byte picks the declared Content-Type; a checked photo must check again.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "requests/photo_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  static constexpr std::string_view kDeclared[] = {"", "image/jpeg", "image/png", "image/webp",
                                                   "application/octet-stream"};
  const std::string_view declared = kDeclared[data[0] % 5];
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto photo = linli::requests::checkPhoto(bytes, declared, 1u << 20);
  if (photo.ok()) {
    auto again = linli::requests::checkPhoto(photo->bytes, photo->content_type, 1u << 20);
    if (!again.ok() || again->width != photo->width || again->height != photo->height)
      __builtin_trap();
  }
  return 0;
}
