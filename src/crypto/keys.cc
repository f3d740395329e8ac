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

std::string Keys::keyedHash(std::string_view purpose, std::string_view data) const {
  unsigned char subkey[crypto_generichash_KEYBYTES];
  crypto_generichash(subkey, sizeof subkey, reinterpret_cast<const unsigned char*>(purpose.data()),
                     purpose.size(), master_.data(), master_.size());
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(), subkey, sizeof subkey);
  sodium_memzero(subkey, sizeof subkey);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::string randomToken(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

}  // namespace linli::crypto
