// The embedded SQLite engine behind storage::Db. WAL journal, foreign keys on,
// a busy timeout, prepared statements cached per connection, a small pool of
// connections for readers (they run in parallel) and one connection of its own
// for writes (one batch at a time in-process, BEGIN IMMEDIATE across processes). synchronous_full
// by default: a write returns once its commit is flushed to disk and survives a power cut (the
// flush is made by WalSyncer, off the writers' path).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "storage/db.h"

namespace linli::storage {

struct SqliteOptions {
  std::string path;  // ":memory:" is not supported (each connection would be its own database)
  int pool_size = 4;
  bool synchronous_full = true;
  int busy_timeout_ms = 5000;
  std::function<int(int)> wal_sync;  // tests: stands in for fdatasync of the WAL (WalSyncer)
};

Result<std::unique_ptr<Db>> openSqlite(const SqliteOptions& options);

}  // namespace linli::storage
