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
// Length of the longest prefix that is valid UTF-8 (RFC 3629: no overlong forms,
// surrogates or code points past U+10FFFF); `cut` tells whether what follows is
// only a character cut short by the end of the text (a reader's chunk boundary).
size_t validUtf8Prefix(std::string_view text, bool& cut);
// Free text: InvalidArgument naming `field` for invalid UTF-8 or control
// characters; bidirectional controls are removed.
Result<std::string> cleanFreeText(std::string_view text, const std::string& field);
// A name (of a person, a place): as free text, but bidirectional controls are refused.
Status checkName(std::string_view text, const std::string& field);

}  // namespace linli
