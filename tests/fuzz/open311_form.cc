// Open311 form decoder: a filing and a search from one urlencoded body; the
// first byte says POST or GET and where the query string starts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "open311/form.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string_view all(reinterpret_cast<const char*>(data) + 1, size - 1);
  const size_t cut = all.find('?');
  linli::open311::Form form{.body = all.substr(0, cut),
                            .query = cut == std::string_view::npos ? "" : all.substr(cut + 1),
                            .post = (data[0] & 1) != 0};
  (void)linli::open311::decodeFiling(form);
  (void)linli::open311::decodeSearch(form, 1796000000000);
  return 0;
}
