// What a password must be (every place one is set: creating a user, a reset,
// the command line): 10 to 128 characters, not containing the username
// (case-insensitive), not a run of a few characters, and not one of the most
// common passwords (common_passwords.cc). Errors name the field "password".
#pragma once

#include <string_view>

#include "common/status.h"

namespace linli::auth {

Status checkPassword(std::string_view password, std::string_view username);
bool isCommonPassword(std::string_view password);

}  // namespace linli::auth
