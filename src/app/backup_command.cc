#include "app/backup_command.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "storage/sqlite/backup.h"

namespace linli::app {

namespace fs = std::filesystem;

namespace {

constexpr const char* kDbName = "linli.db";
constexpr const char* kKeyName = "secret.key";
constexpr const char* kLockName = "linli.lock";
constexpr size_t kKeyBytes = 32;

int fail(const Status& st) {
  std::cerr << "linli: " << st.toString() << "\n";
  return st.code() == Code::kInvalidArgument ? 2 : 1;
}

Result<std::string> readKey(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return notFound("no key file at " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string key = ss.str();
  if (key.size() != kKeyBytes)
    return invalidArgument(
        "key", path + " is not a linli secret key (" + std::to_string(kKeyBytes) + " bytes)");
  return key;
}

// Writes `bytes` to `path` as a new file of mode 0600, flushed, replacing any file there.
Status writePrivateFile(const std::string& path, const std::string& bytes) {
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Status(Code::kUnavailable, "create " + tmp + ": " + std::strerror(errno));
  bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) &&
            ::fchmod(fd, 0600) == 0 && ::fsync(fd) == 0;
  int err = errno;
  ::close(fd);
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status(Code::kUnavailable, "write " + path + ": " + std::strerror(err));
  }
  return Status::Ok();
}

Status renameIfExists(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  if (!fs::exists(from, ec)) return Status::Ok();
  fs::rename(from, to, ec);
  if (ec) return Status(Code::kUnavailable, "rename " + from.string() + ": " + ec.message());
  return Status::Ok();
}

}  // namespace

Result<int> holdDataDirLock(const std::string& data_dir) {
  const std::string path = (fs::path(data_dir) / kLockName).string();
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Status(Code::kUnavailable, "open " + path + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_SH | LOCK_NB) != 0) {
    ::close(fd);
    return Status(Code::kFailedPrecondition,
                  "a restore is under way in " + data_dir + " (it holds " + path + ")");
  }
  return fd;
}

int runBackup(const BackupCommand& cmd) {
  if (cmd.out.empty()) return fail(invalidArgument("out", "--out FILE is required"));
  const std::string db = (fs::path(cmd.data_dir) / kDbName).string();
  std::string key;
  if (cmd.with_key) {
    auto k = readKey((fs::path(cmd.data_dir) / kKeyName).string());
    if (!k.ok()) return fail(k.status());
    key = *k;
  }
  auto copied = storage::backupSqlite(db, cmd.out);
  if (!copied.ok()) return fail(copied.status());
  if (cmd.with_key)
    if (Status st = writePrivateFile(cmd.out + ".key", key); !st.ok()) return fail(st);
  if (cmd.json) {
    std::cout << nlohmann::json{{"file", cmd.out},
                                {"key_file", cmd.with_key ? cmd.out + ".key" : ""},
                                {"pages", copied->pages},
                                {"bytes", copied->bytes},
                                {"seconds", copied->seconds}}
                     .dump()
              << "\n";
  } else {
    std::printf("backed up %s to %s: %lld pages, %.1f MB in %.2f s (integrity_check ok)\n",
                db.c_str(), cmd.out.c_str(), static_cast<long long>(copied->pages),
                static_cast<double>(copied->bytes) / 1e6, copied->seconds);
    if (cmd.with_key)
      std::printf(
          "secret key in %s.key: restore needs it to read ID numbers and phones; keep it apart "
          "from the backup\n",
          cmd.out.c_str());
  }
  return 0;
}

int runRestore(const RestoreCommand& cmd) {
  if (cmd.from.empty()) return fail(invalidArgument("from", "--from FILE is required"));
  const std::string key_path = cmd.key.empty() ? cmd.from + ".key" : cmd.key;
  auto key = readKey(key_path);
  if (!key.ok())
    return fail(Status(Code::kFailedPrecondition,
                       key.status().message() +
                           ": the backup's secret key is needed (without it the ID numbers and "
                           "phones in the backup cannot be read); give it with --key"));
  if (Status st = storage::checkIntegrity(cmd.from); !st.ok()) return fail(st);

  std::error_code ec;
  fs::create_directories(cmd.data_dir, ec);
  if (ec) return fail(Status(Code::kUnavailable, "create " + cmd.data_dir + ": " + ec.message()));
  ::chmod(cmd.data_dir.c_str(), 0700);
  const fs::path dir(cmd.data_dir);
  const std::string lock_path = (dir / kLockName).string();
  int lock = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock < 0)
    return fail(Status(Code::kUnavailable, "open " + lock_path + ": " + std::strerror(errno)));
  if (::flock(lock, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock);
    return fail(Status(Code::kFailedPrecondition, "a server is running on " + cmd.data_dir +
                                                      " (it holds " + lock_path +
                                                      "): stop it, then restore"));
  }

  // The copy first, beside the database; then what it replaces is moved aside (the
  // database with its WAL, so nothing of it is lost) and the copy renamed into place.
  const fs::path db = dir / kDbName;
  const std::string restoring = db.string() + ".restoring";
  fs::copy_file(cmd.from, restoring, fs::copy_options::overwrite_existing, ec);
  if (!ec) fs::permissions(restoring, fs::perms::owner_read | fs::perms::owner_write, ec);
  Status st = ec ? Status(Code::kUnavailable, "copy " + cmd.from + ": " + ec.message())
                 : storage::syncFile(restoring);
  const std::string aside = db.string() + ".before-restore";
  for (const char* suffix : {"", "-wal", "-shm"})  // an earlier restore's leftovers
    if (st.ok()) fs::remove(aside + suffix, ec);
  if (st.ok()) st = renameIfExists(db.string() + "-wal", aside + "-wal");
  if (st.ok()) st = renameIfExists(db, aside);
  if (st.ok()) fs::remove(db.string() + "-shm", ec);
  const fs::path key_file = dir / kKeyName;
  auto current = readKey(key_file.string());
  if (st.ok() && current.ok() && *current != *key)
    st = renameIfExists(key_file, dir / "secret.key.before-restore");
  if (st.ok() && (!current.ok() || *current != *key))
    st = writePrivateFile(key_file.string(), *key);
  if (st.ok()) st = renameIfExists(restoring, db);
  if (st.ok()) st = storage::syncDirectory(cmd.data_dir);
  ::close(lock);
  if (!st.ok()) return fail(st);
  std::printf("restored %s into %s (the replaced database, if any, is %s)\n", cmd.from.c_str(),
              db.c_str(), aside.c_str());
  return 0;
}

}  // namespace linli::app
