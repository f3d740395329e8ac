// Message templates: "{{name}}" is replaced by the variable `name`; a name
// with no variable becomes empty (a missing value never shows as braces to a
// resident). Pure.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace linli::notify {

using Vars = std::map<std::string, std::string, std::less<>>;

std::string render(std::string_view text, const Vars& vars);

}  // namespace linli::notify
