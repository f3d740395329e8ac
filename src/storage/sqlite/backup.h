// Online backup of a SQLite database with SQLite's backup API, while other
// processes (a serving linli) go on writing: the copy is one read transaction,
// so it is the database as of one commit (in WAL mode readers do not hold up
// writers, nor writers readers). The copy is written beside its destination
// and renamed into place once it is whole, flushed and passes integrity_check.
#pragma once

#include <cstdint>
#include <string>

#include "common/result.h"

namespace linli::storage {

struct CopyFigures {
  int64_t pages = 0;
  int64_t bytes = 0;
  double seconds = 0;
};

// Copies the database at `from` into a new file `to` (replacing it); `to` is
// a plain rollback-journal database, complete in one file.
Result<CopyFigures> backupSqlite(const std::string& from, const std::string& to);

// PRAGMA integrity_check of the database at `path`: ok, or what it found.
Status checkIntegrity(const std::string& path);

// Flushes a file, or a directory (its entries), to disk.
Status syncFile(const std::string& path);
Status syncDirectory(const std::string& dir);

}  // namespace linli::storage
