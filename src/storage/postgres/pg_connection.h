// One libpq connection as a storage::Tx: statements translated by the
// dialect and prepared once per connection, values sent as text (bytea as
// raw bytes) and typed by what PostgreSQL infers, results converted by column
// type (integers and counts to int64, bool to 0/1, numeric to int64 when
// whole, bytea to raw bytes). A statement whose parameter types cannot be
// inferred (`? IS NULL` alone) is prepared again with types taken from the
// values. Errors map to Status: class 23 kConflict; a lost connection, a
// shutdown, a deadlock or a serialization failure kUnavailable.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/db.h"

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace linli::storage::postgres {

class Connection final : public Tx {
 public:
  // Connects; kUnavailable (without the password) when the server cannot be reached.
  static Result<std::unique_ptr<Connection>> open(const std::string& url);
  ~Connection() override;

  Result<std::vector<Row>> query(std::string_view sql, const std::vector<Value>& params) override;
  Result<int64_t> exec(std::string_view sql, const std::vector<Value>& params) override;
  Status execScript(std::string_view sql) override;

  // Runs a statement of the engine's own (BEGIN, COMMIT, ...), untranslated.
  Status command(const char* sql);
  // Whether the connection is up; if not, tries once to reconnect (prepared statements are
  // then prepared again as used).
  Status ensureOpen();
  bool inTransaction() const;
  // Ok while the connection is up, kUnavailable once it is lost (it is not reopened here: a
  // transaction cannot go on in a new session).
  Status health();

 private:
  struct Prepared {
    std::string name;
    std::vector<unsigned> types;  // as PostgreSQL inferred them (OIDs)
  };
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  Connection(PGconn* conn, std::string url);
  Status configure();
  Result<const Prepared*> prepare(std::string_view sql, const std::vector<Value>& params);
  Result<PGresult*> run(std::string_view sql, const std::vector<Value>& params);
  Status error(PGresult* res, std::string_view what);

  PGconn* conn_;
  const std::string url_;
  int next_statement_ = 0;
  std::unordered_map<std::string, Prepared, SqlHash, std::equal_to<>> cache_;
};

// A Status for a failed result (or a null one, from a lost connection).
Status resultError(PGconn* conn, PGresult* res, std::string_view what);

}  // namespace linli::storage::postgres
