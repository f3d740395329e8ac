// Text as linli stores and shows it. Whatever the entry (JSON, an Open311
// form, a spreadsheet cell), text is valid UTF-8, carries no control
// characters but tab and line breaks, and no bidirectional controls (U+202A–
// U+202E, U+2066–U+2069, U+200E/U+200F, U+061C), which make a name or a
// complaint read differently from what it is. Names refuse them; free text
// has them removed.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace linli {

bool isValidUtf8(std::string_view text);
// Free text: InvalidArgument naming `field` for invalid UTF-8 or control
// characters; bidirectional controls are removed.
Result<std::string> cleanFreeText(std::string_view text, const std::string& field);
// A name (of a person, a place): as free text, but bidirectional controls are refused.
Status checkName(std::string_view text, const std::string& field);

}  // namespace linli
