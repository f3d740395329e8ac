#include "crypto/keys.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

namespace linli::crypto {

Status initialize() {
  if (sodium_init() < 0) return internalError("libsodium failed to initialize");
  return Status::Ok();
}

Keys Keys::fromBytes(const std::array<unsigned char, 32>& master) {
  Keys k;
  k.master_ = master;
  return k;
}

Result<Keys> Keys::loadOrCreate(const std::string& path) {
  std::array<unsigned char, 32> master{};
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    randombytes_buf(master.data(), master.size());
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      bool ok = ::write(fd, master.data(), master.size()) == static_cast<ssize_t>(master.size()) &&
                ::fsync(fd) == 0;
      ::close(fd);
      if (!ok) return internalError("cannot write secret key file " + path);
      return fromBytes(master);
    }
    if (errno != EEXIST) return internalError("cannot create secret key file " + path);
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);  // another process won the race
  }
  if (fd < 0) return internalError("cannot open secret key file " + path);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || (st.st_mode & 077) != 0) {
    ::close(fd);
    return Status(Code::kFailedPrecondition,
                  "secret key file " + path + " must not be readable by others (chmod 600)");
  }
  ssize_t n = ::read(fd, master.data(), master.size());
  ::close(fd);
  if (n != static_cast<ssize_t>(master.size()))
    return internalError("secret key file " + path + " is damaged (expected 32 bytes)");
  return fromBytes(master);
}

Keys::Subkey Keys::subkey(std::string_view purpose) const {
  std::lock_guard lock(*cache_mu_);
  auto it = cache_->find(purpose);
  if (it != cache_->end()) return it->second;
  Subkey key{};
  crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(purpose.data()),
                     purpose.size(), master_.data(), master_.size());
  cache_->emplace(std::string(purpose), key);
  return key;
}

namespace {
std::string toBase64(const unsigned char* data, size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), data, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// XChaCha20's 24-byte nonce: 16 random bytes drawn once per thread and a
// per-thread counter. Unique without a getrandom call per seal (which
// dominated bulk imports); a repeat needs two threads to draw the same 128 bits.
void nextNonce(unsigned char* nonce) {
  thread_local std::array<unsigned char, 16> prefix = [] {
    std::array<unsigned char, 16> p;
    randombytes_buf(p.data(), p.size());
    return p;
  }();
  thread_local uint64_t counter = 0;
  std::memcpy(nonce, prefix.data(), prefix.size());
  const uint64_t n = ++counter;
  std::memcpy(nonce + prefix.size(), &n, sizeof n);
}

std::string hashWith(const Keys::Subkey& key, std::string_view data) {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(), key.data(), key.size());
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::string sealWith(const Keys::Subkey& key, std::string_view purpose,
                     std::string_view plaintext) {
  constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  constexpr size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
  unsigned char buf[kNonce + 256 + kTag];
  std::string big;  // plaintexts here are short; a long one gets a buffer of its own
  unsigned char* out = buf;
  if (plaintext.size() > 256) {
    big.resize(kNonce + plaintext.size() + kTag);
    out = reinterpret_cast<unsigned char*>(big.data());
  }
  static_assert(kNonce == 24);
  nextNonce(out);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      out + kNonce, &written, reinterpret_cast<const unsigned char*>(plaintext.data()),
      plaintext.size(), reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size(),
      nullptr, out, key.data());
  return toBase64(out, kNonce + written);
}

}  // namespace

std::string Keys::keyedHash(std::string_view purpose, std::string_view data) const {
  Subkey key = subkey(purpose);
  std::string out = hashWith(key, data);
  sodium_memzero(key.data(), key.size());
  return out;
}

std::string Keys::seal(std::string_view purpose, std::string_view plaintext) const {
  Subkey key = subkey(std::string("seal:") + std::string(purpose));
  std::string out = sealWith(key, purpose, plaintext);
  sodium_memzero(key.data(), key.size());
  return out;
}

PurposeKeys Keys::forPurpose(std::string_view purpose) const {
  PurposeKeys k;
  k.purpose_ = purpose;
  k.hash_key_ = subkey(purpose);
  k.seal_key_ = subkey(std::string("seal:") + std::string(purpose));
  return k;
}

PurposeKeys::~PurposeKeys() {
  sodium_memzero(hash_key_.data(), hash_key_.size());
  sodium_memzero(seal_key_.data(), seal_key_.size());
}

std::string PurposeKeys::keyedHash(std::string_view data) const {
  return hashWith(hash_key_, data);
}

std::string PurposeKeys::seal(std::string_view plaintext) const {
  return sealWith(seal_key_, purpose_, plaintext);
}

Result<std::string> Keys::open(std::string_view purpose, std::string_view sealed) const {
  constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  constexpr size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
  std::string raw(sealed.size(), '\0');
  size_t raw_len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), sealed.data(),
                        sealed.size(), nullptr, &raw_len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      raw_len < kNonce + kTag)
    return internalError("sealed value is damaged");
  const auto* buf = reinterpret_cast<const unsigned char*>(raw.data());
  std::string plain(raw_len - kNonce - kTag, '\0');
  unsigned long long plain_len = 0;
  Subkey key = subkey(std::string("seal:") + std::string(purpose));
  int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      reinterpret_cast<unsigned char*>(plain.data()), &plain_len, nullptr, buf + kNonce,
      raw_len - kNonce, reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size(), buf,
      key.data());
  sodium_memzero(key.data(), key.size());
  if (rc != 0) return internalError("sealed value does not open with this key");
  plain.resize(plain_len);
  return plain;
}

std::string randomToken(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return toBase64(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

}  // namespace linli::crypto
