// Open311 form decoder: a filing and a search from one urlencoded body; the
// first byte says POST or GET and where the query string starts. A decoded
// filing then goes through the requests service's input check, as a real one
// does; what passes is text linli can store and show.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/text_check.h"
#include "open311/form.h"
#include "requests/request_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string_view all(reinterpret_cast<const char*>(data) + 1, size - 1);
  const size_t cut = all.find('?');
  linli::open311::Form form{.body = all.substr(0, cut),
                            .query = cut == std::string_view::npos ? "" : all.substr(cut + 1),
                            .post = (data[0] & 1) != 0};
  auto filing = linli::open311::decodeFiling(form);
  if (filing.ok() && linli::requests::checkNewRequest(*filing).ok()) {
    for (const std::string* text : {&filing->description, &filing->address}) {
      auto again = linli::cleanFreeText(*text, "text");
      if (!again.ok() || *again != *text) __builtin_trap();  // checked text is clean text
    }
    if (!linli::checkName(filing->contact_name, "contact_name").ok()) __builtin_trap();
    if (filing->lat && !(*filing->lat >= -90 && *filing->lat <= 90)) __builtin_trap();
  }
  (void)linli::open311::decodeSearch(form, 1796000000000);
  return 0;
}
