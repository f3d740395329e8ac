// Db: the storage port every module's repo talks to. Engine-neutral: SQL uses
// `?` placeholders (the PostgreSQL implementation rewrites them), `RETURNING`,
// `ON CONFLICT`, and no engine-only functions but one: `json_each(?)` over a
// JSON array of integers, read as a table with the column `value`. Values are
// bound, never spliced into SQL text. Strings compare byte by byte (PostgreSQL
// databases are created with the C collation); LIKE ignores ASCII case.
//
// A use case runs inside exactly one `write` (or `read`) call: the callback gets
// a Tx; returning a non-ok Status rolls everything back, ok commits. Writes are
// serialized (SQLite: BEGIN IMMEDIATE); reads see a consistent snapshot.
// `write` returns only once its changes are durable. SQLite commits writers
// that queue up together as one transaction (group commit: one fsync for
// all), each callback in its own savepoint, so one failing rolls back alone;
// a callback cannot tell, except that it must not start transactions itself.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.h"

namespace linli::storage {

using Value = std::variant<std::nullptr_t, int64_t, double, std::string>;

struct Row {
  std::vector<Value> cols;
  bool isNull(size_t i) const { return std::holds_alternative<std::nullptr_t>(cols.at(i)); }
  int64_t i64(size_t i) const;
  double f64(size_t i) const;
  std::string str(size_t i) const;
  std::optional<int64_t> optI64(size_t i) const {
    return isNull(i) ? std::nullopt : std::optional<int64_t>(i64(i));
  }
};

class Tx {
 public:
  virtual ~Tx() = default;
  virtual Result<std::vector<Row>> query(std::string_view sql,
                                         const std::vector<Value>& params) = 0;
  // Runs a statement; returns the number of rows changed.
  virtual Result<int64_t> exec(std::string_view sql, const std::vector<Value>& params) = 0;
  // Runs several statements without parameters (migrations only).
  virtual Status execScript(std::string_view sql) = 0;
};

class Db {
 public:
  virtual ~Db() = default;
  virtual Status write(const std::function<Status(Tx&)>& fn) = 0;
  // write() without waiting, for callers that must not hold a thread while a
  // commit is flushed: `fn` runs later on the database's thread, and `done`
  // gets its outcome once the commit is durable (or has failed), also on a
  // database thread. `done` must be short and must not call write() and wait.
  // Both own whatever they use.
  virtual void writeAsync(std::function<Status(Tx&)> fn, std::function<void(Status)> done) {
    done(write(fn));
  }
  virtual Status read(const std::function<Status(Tx&)>& fn) = 0;
  virtual std::string engine() const = 0;
};

// A bound value for an optional: NULL when empty.
template <class T>
Value optionalValue(const std::optional<T>& v) {
  return v ? Value(*v) : Value(nullptr);
}
// "%text%" for `LIKE ? ESCAPE '\'`, with %, _ and \ in the text matched literally.
std::string likeContains(const std::string& text);

// Convenience: the one row a query must return, or NotFound(what).
Result<Row> singleRow(Result<std::vector<Row>> rows, const std::string& what);

// Runs `fn` in a write transaction and hands back its value.
template <class T>
Result<T> writeResult(Db& db, const std::function<Result<T>(Tx&)>& fn) {
  std::optional<T> out;
  Status st = db.write([&](Tx& tx) -> Status {
    Result<T> r = fn(tx);
    if (!r.ok()) return r.status();
    out = std::move(r).value();
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return std::move(*out);
}

template <class T>
Result<T> readResult(Db& db, const std::function<Result<T>(Tx&)>& fn) {
  std::optional<T> out;
  Status st = db.read([&](Tx& tx) -> Status {
    Result<T> r = fn(tx);
    if (!r.ok()) return r.status();
    out = std::move(r).value();
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return std::move(*out);
}

// Whether the database answers a trivial read (the /healthz check).
inline Status ping(Db& db) {
  return db.read([](Tx& tx) { return tx.query("SELECT 1", {}).status(); });
}

}  // namespace linli::storage
