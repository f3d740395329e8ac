// Personal data, shared by every room that stores it: validating phones and turning ID numbers and
// phones into what is stored (sealed value, keyed hash for look-up, last 4).
#pragma once

#include <optional>
#include <string>

#include "common/result.h"
#include "crypto/keys.h"

namespace linli::personal {

// Digits only; mobile numbers have 11 digits starting with 1, landlines 7 to
// 12 digits (area code included). Full-width digits, spaces and dashes are accepted.
Result<std::string> normalizePhone(const std::string& text, const std::string& field = "phone");

struct StoredSecret {
  std::string sealed, hash, last4;
};
StoredSecret storeSecret(const crypto::Keys& keys, const std::string& purpose,
                         const std::string& value);
// The same, with the look-up hash already computed.
StoredSecret storeSecret(const crypto::Keys& keys, const std::string& purpose,
                         const std::string& value, std::string hash);
// Hex keyed hash, 24 characters: the start of Keys::keyedHash.
std::string lookupHash(const crypto::Keys& keys, const std::string& purpose,
                       const std::string& value);
// The same two with a purpose's keys at hand (bulk work).
std::string lookupHash(const crypto::PurposeKeys& keys, const std::string& value);
StoredSecret storeSecret(const crypto::PurposeKeys& keys, const std::string& value,
                         std::string hash);

inline constexpr const char* kIdPurpose = "resident.id_number";
inline constexpr const char* kPhonePurpose = "phone";

}  // namespace linli::personal
