#include "storage/sqlite/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace linli::storage {

namespace {

// Closes a connection when it goes out of scope.
struct Handle {
  sqlite3* db = nullptr;
  ~Handle() { sqlite3_close_v2(db); }
};

Status unavailable(const std::string& what, sqlite3* db, int rc) {
  return Status(Code::kUnavailable, what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

Status openDb(const std::string& path, int flags, Handle& h) {
  int rc = sqlite3_open_v2(path.c_str(), &h.db, flags, nullptr);
  if (rc != SQLITE_OK) return unavailable("open " + path, h.db, rc);
  sqlite3_busy_timeout(h.db, 10000);
  return Status::Ok();
}

}  // namespace

Status syncFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status(Code::kUnavailable, "open " + path + ": " + std::strerror(errno));
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return Status(Code::kUnavailable, "fsync " + path + ": " + std::strerror(err));
  return Status::Ok();
}

Status syncDirectory(const std::string& dir) {
  return syncFile(dir.empty() ? std::string(".") : dir);
}

Status checkIntegrity(const std::string& path) {
  Handle h;
  LINLI_TRY(openDb(path, SQLITE_OPEN_READONLY, h));
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(h.db, "PRAGMA integrity_check", -1, &stmt, nullptr);
  if (rc != SQLITE_OK) return unavailable("integrity_check of " + path, h.db, rc);
  std::string found;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    if (!found.empty()) found += "; ";
    found += text ? text : "";
  }
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) return unavailable("integrity_check of " + path, h.db, rc);
  if (found != "ok")
    return Status(Code::kFailedPrecondition, path + " is damaged: " + found.substr(0, 500));
  return Status::Ok();
}

Result<CopyFigures> backupSqlite(const std::string& from, const std::string& to) {
  if (!std::filesystem::exists(from)) return notFound("no database at " + from);
  const auto started = std::chrono::steady_clock::now();
  const std::string partial = to + ".partial";
  std::remove(partial.c_str());
  CopyFigures figures;
  {
    Handle src, dst;
    // Read-write (never create): a reader of a WAL database takes part in its
    // shared-memory index, exactly as the server's own readers do.
    LINLI_TRY(openDb(from, SQLITE_OPEN_READWRITE, src));
    LINLI_TRY(openDb(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, dst));
    ::chmod(partial.c_str(), 0600);  // names and addresses are not sealed: for the operator only
    sqlite3_backup* b = sqlite3_backup_init(dst.db, "main", src.db, "main");
    if (!b) return unavailable("backup of " + from, dst.db, SQLITE_ERROR);
    // All pages in one step: one read transaction, so one consistent snapshot. Copying
    // step by step would start over whenever the server commits in between, which
    // under load may be never done.
    int rc;
    for (;;) {
      rc = sqlite3_backup_step(b, -1);
      if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
      sqlite3_sleep(50);
    }
    figures.pages = sqlite3_backup_pagecount(b);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
      std::remove(partial.c_str());
      return unavailable("backup of " + from, dst.db, rc);
    }
    char* err = nullptr;
    // The copy is one self-contained file (no -wal beside it).
    if (sqlite3_exec(dst.db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "error";
      sqlite3_free(err);
      std::remove(partial.c_str());
      return Status(Code::kUnavailable, "backup of " + from + ": " + msg);
    }
  }
  if (Status st = checkIntegrity(partial); !st.ok()) {
    std::remove(partial.c_str());
    return st;
  }
  LINLI_TRY(syncFile(partial));
  if (std::rename(partial.c_str(), to.c_str()) != 0)
    return Status(Code::kUnavailable, "rename " + partial + ": " + std::strerror(errno));
  LINLI_TRY(syncDirectory(std::filesystem::path(to).parent_path().string()));
  std::error_code ec;
  figures.bytes = static_cast<int64_t>(std::filesystem::file_size(to, ec));
  figures.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return figures;
}

}  // namespace linli::storage
