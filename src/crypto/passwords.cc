#include "crypto/passwords.h"

#include <sodium.h>

namespace linli::crypto {

namespace {
// 64 MiB and 2 passes: ~0.1 s on a 2-core machine.
constexpr unsigned long long kOps = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t kMem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
}  // namespace

Result<std::string> hashPassword(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOps, kMem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Status(Code::kResourceExhausted, "out of memory while hashing a password");
  return std::string(out);
}

bool verifyPassword(const std::string& encoded_hash, const std::string& password) {
  return crypto_pwhash_str_verify(encoded_hash.c_str(), password.data(), password.size()) == 0;
}

void verifyDummy(const std::string& password) {
  static const std::string dummy = [] {
    auto h = hashPassword("linli-dummy-password");
    return h.ok() ? *h : std::string();
  }();
  (void)verifyPassword(dummy, password);
}

}  // namespace linli::crypto
