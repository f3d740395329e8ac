// `linli backup` and `linli restore`. A backup is two files: FILE, the
// database as of one commit (SQLite's online backup, safe while a server is
// serving), and FILE.key, a copy of DATA_DIR/secret.key, without which the ID
// numbers and phones sealed in FILE cannot be read (keep the two apart: either
// alone reveals nothing). Restore needs both, refuses while a server holds the
// data directory, and keeps what it replaces beside it (*.before-restore).
#pragma once

#include <string>

#include "common/result.h"

namespace linli::app {

struct BackupCommand {
  std::string data_dir = "./data";
  std::string out;
  bool with_key = true;  // also write OUT.key
  bool json = false;
};
int runBackup(const BackupCommand& cmd);

struct RestoreCommand {
  std::string data_dir = "./data";
  std::string from;
  std::string key;  // default FROM.key
};
int runRestore(const RestoreCommand& cmd);

// Held (shared) by `linli serve` for as long as it runs; `linli restore` takes it exclusively,
// so it cannot replace a database under a running server. Returns the descriptor to keep open.
Result<int> holdDataDirLock(const std::string& data_dir);

}  // namespace linli::app
