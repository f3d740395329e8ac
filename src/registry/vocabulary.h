// What community staff write in their spreadsheets, mapped to registry codes:
// column headers (姓名, 身份证号码, 联系电话…) to import fields, and cell
// values (男, 户主, 低保, 医生…) to codes. English codes are accepted as they are.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace linli::registry {

// Import fields, in the order the UI offers them.
const std::vector<std::string>& importFields();
// The field a header most likely means, or nullopt.
std::optional<std::string> suggestField(const std::string& header);

std::optional<std::string> sexCode(const std::string& text);
std::optional<std::string> relationCode(const std::string& text);
std::optional<std::string> residenceStatusCode(const std::string& text);
// A built-in tag code for 独居, 高龄…; nullopt for anything else (maybe a custom tag).
std::optional<std::string> tagCode(const std::string& text);
std::optional<std::string> skillCode(const std::string& text);
// 独居 for living_alone …; the code itself for anything else.
std::string tagLabel(const std::string& code);
// Splits "独居、低保,残疾；党员" into its items.
std::vector<std::string> splitItems(const std::string& text);

}  // namespace linli::registry
