#include "storage/migrations.h"

namespace linli::storage {

Result<Row> singleRow(Result<std::vector<Row>> rows, const std::string& what) {
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return notFound(what + " not found");
  return std::move(rows->front());
}

std::string likeContains(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

Result<std::vector<std::string>> migrate(Db& db, const std::vector<Migration>& migrations) {
  LINLI_TRY(db.write([](Tx& tx) {
    return tx.execScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
  }));
  std::vector<std::string> applied;
  for (const Migration& m : migrations) {
    bool ran = false;
    LINLI_TRY(db.write([&](Tx& tx) -> Status {
      LINLI_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT 1 FROM schema_migrations WHERE number = ?",
                                                 {int64_t{m.number}}));
      if (!rows.empty()) return Status::Ok();
      Status st = tx.execScript(m.sql);
      if (!st.ok()) return internalError("migration " + m.name + " failed: " + st.message());
      LINLI_TRY(tx.exec("INSERT INTO schema_migrations (number, name, applied_at) VALUES (?, ?, ?)",
                        {int64_t{m.number}, m.name, int64_t{0}})
                    .status());
      ran = true;
      return Status::Ok();
    }));
    if (ran) applied.push_back(m.name);
  }
  return applied;
}

}  // namespace linli::storage
