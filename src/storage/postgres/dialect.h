// The few differences between the SQL the repos write (engine-neutral, as
// storage/db.h defines it, which SQLite runs as is) and what PostgreSQL
// accepts, translated in one place so that nothing above the storage layer
// knows which engine runs.
//
// `toPostgresStatement`: `?` and `?NNN` placeholders become `$N` (a bare `?`
// takes the number after the largest one so far, as in SQLite); `LIKE` becomes
// `ILIKE` (SQLite's LIKE ignores ASCII case); the type names in CASTs map as
// in schemas. `toPostgresScript` (migrations) also maps column types:
// `INTEGER PRIMARY KEY` becomes an identity column, `INTEGER` BIGINT (times are
// epoch milliseconds), `REAL` DOUBLE PRECISION, `BLOB` BYTEA.
//
// Text inside string literals, quoted identifiers and comments is copied
// untouched. Pure functions: no connection needed.
#pragma once

#include <string>
#include <string_view>

namespace linli::storage::postgres {

struct Translated {
  std::string sql;
  int parameters = 0;  // the largest placeholder number
};

Translated toPostgresStatement(std::string_view sql);
std::string toPostgresScript(std::string_view sql);

}  // namespace linli::storage::postgres
