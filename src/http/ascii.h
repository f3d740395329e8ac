// ASCII character classes and case-insensitive comparison, as HTTP header
// names and tokens are read (never the locale's).
#pragma once

#include <string_view>

namespace linli::http {

inline char asciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

inline bool asciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool asciiAlnum(char c) {
  const char l = asciiLower(c);
  return asciiDigit(c) || (l >= 'a' && l <= 'z');
}
inline bool asciiHexDigit(char c) {
  const char l = asciiLower(c);
  return asciiDigit(c) || (l >= 'a' && l <= 'f');
}

inline bool asciiIEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (asciiLower(a[i]) != asciiLower(b[i])) return false;
  return true;
}

}  // namespace linli::http
