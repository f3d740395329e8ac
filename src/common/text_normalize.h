// Normalizing what people type or paste: full-width characters (１２３，ＡＢＣ)
// become their ASCII forms, ideographic and non-breaking spaces become plain
// spaces, and surrounding white space is trimmed. Applied to ID numbers,
// phone numbers and spreadsheet cells before validation.
#pragma once

#include <string>
#include <string_view>

namespace linli {

std::string halfWidth(std::string_view text);
std::string trimmed(std::string_view text);
// halfWidth, then trimmed.
std::string normalizedInput(std::string_view text);

}  // namespace linli
