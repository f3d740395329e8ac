#include "common/text_check.h"

#include <cstdint>

namespace linli {

namespace {

// The code point at text[i] of text known to be valid UTF-8, advancing i.
int32_t nextCodePoint(std::string_view text, size_t& i) {
  const auto b0 = static_cast<uint8_t>(text[i]);
  const int len = b0 < 0x80 ? 1 : b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2;
  int32_t cp = len == 1 ? b0 : b0 & (0xFF >> (len + 1));
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<uint8_t>(text[i + k]) & 0x3F);
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
  if (!isValidUtf8(text)) return false;
  for (size_t i = 0; i < text.size();) {
    const size_t at = i;
    const int32_t cp = nextCodePoint(text, i);
    if (isControl(cp)) return false;
    fn(cp, text.substr(at, i - at));
  }
  return true;
}

}  // namespace

size_t validUtf8Prefix(std::string_view s, bool& cut) {
  size_t i = 0;
  cut = false;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the second byte's range
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return i;
    }
    for (int k = 1; k <= n; ++k) {
      if (i + k >= s.size()) {
        cut = true;
        return i;
      }
      const auto b = static_cast<unsigned char>(s[i + k]);
      if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return i;
    }
    i += n + 1;
  }
  return i;
}

bool isValidUtf8(std::string_view text) {
  bool cut = false;
  return validUtf8Prefix(text, cut) == text.size();
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
