// Password hashing with argon2id (libsodium's encoded string format, which
// carries its own salt and cost parameters, so costs can rise later).
#pragma once

#include <string>

#include "common/result.h"

namespace linli::crypto {

Result<std::string> hashPassword(const std::string& password);
bool verifyPassword(const std::string& encoded_hash, const std::string& password);
// Burns the same time as a real verification; used for unknown usernames so
// timing does not reveal which accounts exist.
void verifyDummy(const std::string& password);

}  // namespace linli::crypto
