#include "auth/password_policy.h"

#include <algorithm>
#include <set>
#include <string>

#include "common/json_input.h"

namespace linli::auth {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

Status checkPassword(std::string_view password, std::string_view username) {
  const size_t n = json_input::utf8Length(std::string(password));
  if (n < 10) return invalidArgument("password", "password must have at least 10 characters");
  if (n > 128) return invalidArgument("password", "password must have at most 128 characters");
  const std::string pw = lower(password);
  if (!username.empty() && pw.find(lower(username)) != std::string::npos)
    return invalidArgument("password", "password must not contain the username");
  if (std::set<char>(pw.begin(), pw.end()).size() < 4)
    return invalidArgument("password", "password is too simple: use more different characters");
  if (isCommonPassword(pw))
    return invalidArgument("password", "password is one of the most common passwords");
  return Status::Ok();
}

}  // namespace linli::auth
