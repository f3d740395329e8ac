// Reading fields out of a JSON request object. Every failure is an
// InvalidArgument naming the field ("scope.kind"), with a message saying what
// was expected, so clients can point at the input to fix.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"

namespace linli::json_input {

using nlohmann::json;

// Length limits count Unicode code points, not bytes. Strings are trimmed of
// surrounding white space and must be valid UTF-8 without control characters.
Result<std::string> requiredString(const json& obj, const std::string& field, size_t min_len,
                                   size_t max_len);
Result<std::optional<std::string>> optionalString(const json& obj, const std::string& field,
                                                  size_t min_len, size_t max_len);
// A secret (password) is taken as sent: no trimming; length in code points.
Result<std::string> requiredSecret(const json& obj, const std::string& field, size_t max_len);
Result<std::optional<bool>> optionalBool(const json& obj, const std::string& field);
// Ids travel as strings ("12"); a JSON integer is accepted too.
Result<int64_t> requiredId(const json& obj, const std::string& field);
Result<const json*> requiredObject(const json& obj, const std::string& field);
Result<const json*> optionalObject(const json& obj, const std::string& field);

Result<std::optional<int64_t>> optionalId(const json& obj, const std::string& field);
Result<std::optional<int>> optionalInt(const json& obj, const std::string& field, int lo, int hi);
Result<std::optional<double>> optionalNumber(const json& obj, const std::string& field);
// An array of short strings (codes); each trimmed and non-empty.
Result<std::optional<std::vector<std::string>>> optionalStringList(const json& obj,
                                                                   const std::string& field);

// The id in a path or query parameter.
Result<int64_t> parseId(const std::string& text, const std::string& field);
size_t utf8Length(const std::string& s);

}  // namespace linli::json_input
