// Numbered schema migrations (src/storage/migrations/NNNN_name.sql, compiled
// into the binary). `migrate` applies the ones not yet recorded in
// schema_migrations, each in its own transaction, in number order; it is safe
// to call at every start and from several processes.
#pragma once

#include <string>
#include <vector>

#include "storage/db.h"

namespace linli::storage {

struct Migration {
  int number;
  std::string name;
  std::string sql;
};

const std::vector<Migration>& embeddedMigrations();

// Returns the names applied by this call.
Result<std::vector<std::string>> migrate(Db& db, const std::vector<Migration>& migrations);

}  // namespace linli::storage
