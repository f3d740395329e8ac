#include "common/text_check.h"

#include <cstdint>

namespace linli {

namespace {

// Decodes the code point at text[i], advancing i; -1 for invalid UTF-8
// (overlong forms, surrogates and values past U+10FFFF included).
int32_t nextCodePoint(std::string_view text, size_t& i) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(text[k]); };
  const uint8_t b0 = byte(i);
  if (b0 < 0x80) return text[i++];
  int len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (len == 0 || b0 > 0xF4 || i + len > text.size()) return -1;
  int32_t cp = b0 & (0xFF >> (len + 1));
  for (int k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr int32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  i += len;
  return cp;
}

bool isBidiControl(int32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
         cp == 0x200F || cp == 0x061C;
}

bool isControl(int32_t cp) {
  return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F ||
         (cp >= 0x80 && cp < 0xA0);
}

// Walks the text; false at the first invalid byte or control character.
template <class Fn>
bool eachCodePoint(std::string_view text, Fn&& fn) {
  for (size_t i = 0; i < text.size();) {
    const size_t at = i;
    const int32_t cp = nextCodePoint(text, i);
    if (cp < 0 || isControl(cp)) return false;
    fn(cp, text.substr(at, i - at));
  }
  return true;
}

}  // namespace

bool isValidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();)
    if (nextCodePoint(text, i) < 0) return false;
  return true;
}

Result<std::string> cleanFreeText(std::string_view text, const std::string& field) {
  std::string out;
  out.reserve(text.size());
  if (!eachCodePoint(text, [&](int32_t cp, std::string_view bytes) {
        if (!isBidiControl(cp)) out.append(bytes);
      }))
    return invalidArgument(field, field + " must be UTF-8 text without control characters");
  return out;
}

Status checkName(std::string_view text, const std::string& field) {
  bool bidi = false;
  if (!eachCodePoint(text, [&](int32_t cp, std::string_view) {
        bidi = bidi || isBidiControl(cp) || cp == '\t' || cp == '\n' || cp == '\r';
      }))
    return invalidArgument(field, field + " must be UTF-8 text without control characters");
  if (bidi)
    return invalidArgument(field,
                           field + " must be one line without direction-changing characters");
  return Status::Ok();
}

}  // namespace linli
