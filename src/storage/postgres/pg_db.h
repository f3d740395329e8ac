// The PostgreSQL engine behind storage::Db, on libpq. Statements are the
// engine-neutral SQL of storage/db.h, translated once per connection
// (postgres/dialect.h) and kept prepared.
//
// Writes are serialized as on SQLite: one writing connection per process,
// group commit (WriteQueue: each use case in its own savepoint, one COMMIT per
// batch), and across processes a transaction-scoped advisory lock taken first
// in every write transaction, so that nodes sharing the database never
// interleave writes (readable numbers, MAX + 1 ids and check-then-insert stay
// right). `write` returns once the COMMIT has returned with
// synchronous_commit on: durable. Reads run on a pool of connections, each in
// a REPEATABLE READ READ ONLY transaction (one snapshot, no writes).
//
// A lost connection is reopened before its next use; meanwhile calls fail with
// kUnavailable and a message a worker understands. Constraint violations
// (SQLSTATE class 23) are kConflict.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "storage/db.h"

namespace linli::storage {

struct PostgresOptions {
  std::string url;  // postgresql://user@host:port/database (libpq's connection string)
  int pool_size = 4;
};

// Whether `url` names a PostgreSQL database (postgresql:// or postgres://).
bool isPostgresUrl(std::string_view url);

Result<std::unique_ptr<Db>> openPostgres(const PostgresOptions& options);

// The URL without its password, for messages and logs.
std::string redactedUrl(std::string_view url);

}  // namespace linli::storage
