// Keys: the server's secret, kept in DATA_DIR/secret.key (32 random bytes,
// created on first run with mode 0600, refused if others can read it).
// Purpose-specific subkeys are derived from it, so one file serves session
// look-ups, token look-ups and (later) personal-data encryption.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "common/result.h"

namespace linli::crypto {

// Must be called once before any other function here (initializes libsodium).
Status initialize();

class PurposeKeys;

class Keys {
 public:
  using Subkey = std::array<unsigned char, 32>;
  static Result<Keys> loadOrCreate(const std::string& path);
  static Keys fromBytes(const std::array<unsigned char, 32>& master);
  // Hex keyed hash (BLAKE2b) of `data` under the subkey for `purpose`:
  // stable across restarts, useless without the key file.
  std::string keyedHash(std::string_view purpose, std::string_view data) const;
  // Encrypts personal data at rest (XChaCha20-Poly1305, random nonce): URL-safe
  // base64 of nonce || ciphertext. `purpose` separates keys and is bound as
  // associated data, so a value sealed for one column cannot be opened as another.
  std::string seal(std::string_view purpose, std::string_view plaintext) const;
  Result<std::string> open(std::string_view purpose, std::string_view sealed) const;
  // The same two for one purpose with its subkeys derived once: bulk work
  // (an import hashes and seals millions of values) skips the look-up per call.
  PurposeKeys forPurpose(std::string_view purpose) const;

 private:
  // Derived once per purpose (BLAKE2b keyed by the master key), then cached.
  Subkey subkey(std::string_view purpose) const;
  std::array<unsigned char, 32> master_{};
  mutable std::shared_ptr<std::mutex> cache_mu_ = std::make_shared<std::mutex>();
  mutable std::shared_ptr<std::map<std::string, Subkey, std::less<>>> cache_ =
      std::make_shared<std::map<std::string, Subkey, std::less<>>>();
};

class PurposeKeys {
 public:
  PurposeKeys(const PurposeKeys&) = delete;
  PurposeKeys& operator=(const PurposeKeys&) = delete;
  PurposeKeys(PurposeKeys&&) = default;
  ~PurposeKeys();
  std::string keyedHash(std::string_view data) const;
  std::string seal(std::string_view plaintext) const;

 private:
  friend class Keys;
  PurposeKeys() = default;
  std::string purpose_;
  Keys::Subkey hash_key_{}, seal_key_{};
};

// `bytes` random bytes as URL-safe base64 without padding.
std::string randomToken(size_t bytes);

}  // namespace linli::crypto
