// ZIP reader: open an archive from memory, stream out every entry.
#include "spreadsheet/zip.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  auto archive = linli::spreadsheet::zip::Archive::open(bytes, 8u << 20, 4u << 20);
  if (!archive.ok()) return 0;
  for (const auto& name : archive->names()) {
    (void)archive->has(name);
    (void)archive->stream(name, [](std::string_view) { return linli::Status::Ok(); });
  }
  return 0;
}
