#include "common/json_input.h"

#include <charconv>

namespace linli::json_input {

namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

bool hasControlChars(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

Result<std::optional<std::string>> readString(const json& obj, const std::string& field,
                                              size_t min_len, size_t max_len, bool required) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) {
    if (required) return invalidArgument(field, field + " is required");
    return std::optional<std::string>();
  }
  if (!it->is_string()) return invalidArgument(field, field + " must be a string");
  std::string value = trim(it->get<std::string>());
  if (hasControlChars(value)) return invalidArgument(field, field + " contains control characters");
  size_t n = utf8Length(value);
  if (n < min_len) {
    return invalidArgument(field, min_len <= 1 ? field + " must not be empty"
                                               : field + " must have at least " +
                                                     std::to_string(min_len) + " characters");
  }
  if (n > max_len)
    return invalidArgument(field,
                           field + " must have at most " + std::to_string(max_len) + " characters");
  return std::optional<std::string>(std::move(value));
}

}  // namespace

size_t utf8Length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

Result<std::string> requiredString(const json& obj, const std::string& field, size_t min_len,
                                   size_t max_len) {
  auto r = readString(obj, field, min_len, max_len, true);
  if (!r.ok()) return r.status();
  return std::move(**r);
}

Result<std::optional<std::string>> optionalString(const json& obj, const std::string& field,
                                                  size_t min_len, size_t max_len) {
  return readString(obj, field, min_len, max_len, false);
}

Result<std::string> requiredSecret(const json& obj, const std::string& field, size_t max_len) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return invalidArgument(field, field + " is required");
  if (!it->is_string()) return invalidArgument(field, field + " must be a string");
  std::string value = it->get<std::string>();
  if (value.empty()) return invalidArgument(field, field + " must not be empty");
  if (utf8Length(value) > max_len)
    return invalidArgument(field,
                           field + " must have at most " + std::to_string(max_len) + " characters");
  return value;
}

Result<std::optional<bool>> optionalBool(const json& obj, const std::string& field) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::optional<bool>();
  if (!it->is_boolean()) return invalidArgument(field, field + " must be true or false");
  return std::optional<bool>(it->get<bool>());
}

Result<int64_t> parseId(const std::string& text, const std::string& field) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v <= 0)
    return invalidArgument(field, field + " must be a positive id");
  return v;
}

Result<int64_t> requiredId(const json& obj, const std::string& field) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return invalidArgument(field, field + " is required");
  if (it->is_number_integer()) {
    int64_t v = it->get<int64_t>();
    if (v <= 0) return invalidArgument(field, field + " must be a positive id");
    return v;
  }
  if (!it->is_string()) return invalidArgument(field, field + " must be an id string");
  return parseId(it->get<std::string>(), field);
}

Result<std::optional<int64_t>> optionalId(const json& obj, const std::string& field) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::optional<int64_t>();
  auto id = requiredId(obj, field);
  if (!id.ok()) return id.status();
  return std::optional<int64_t>(*id);
}

Result<std::optional<int>> optionalInt(const json& obj, const std::string& field, int lo, int hi) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::optional<int>();
  if (!it->is_number_integer()) return invalidArgument(field, field + " must be a whole number");
  int64_t v = it->get<int64_t>();
  if (v < lo || v > hi)
    return invalidArgument(
        field, field + " must be from " + std::to_string(lo) + " to " + std::to_string(hi));
  return std::optional<int>(static_cast<int>(v));
}

Result<std::optional<double>> optionalNumber(const json& obj, const std::string& field) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::optional<double>();
  if (!it->is_number()) return invalidArgument(field, field + " must be a number");
  return std::optional<double>(it->get<double>());
}

Result<std::optional<std::vector<std::string>>> optionalStringList(const json& obj,
                                                                   const std::string& field) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return std::optional<std::vector<std::string>>();
  if (!it->is_array()) return invalidArgument(field, field + " must be a list of strings");
  std::vector<std::string> out;
  for (const auto& item : *it) {
    if (!item.is_string()) return invalidArgument(field, field + " must be a list of strings");
    std::string v = trim(item.get<std::string>());
    if (v.empty() || v.size() > 64 || hasControlChars(v))
      return invalidArgument(field, field + " has an empty or malformed entry");
    out.push_back(std::move(v));
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

Result<const json*> optionalObject(const json& obj, const std::string& field) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return static_cast<const json*>(nullptr);
  if (!it->is_object()) return invalidArgument(field, field + " must be an object");
  return &*it;
}

Result<const json*> requiredObject(const json& obj, const std::string& field) {
  auto r = optionalObject(obj, field);
  if (r.ok() && *r == nullptr) return invalidArgument(field, field + " is required");
  return r;
}

}  // namespace linli::json_input
