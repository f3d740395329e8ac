#include "storage/postgres/dialect.h"

#include <gtest/gtest.h>

namespace linli::storage::postgres {
namespace {

TEST(PostgresDialect, NumbersPlaceholdersInOrder) {
  auto t = toPostgresStatement("SELECT a FROM t WHERE b = ? AND c IN (?, ?)");
  EXPECT_EQ(t.sql, "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)");
  EXPECT_EQ(t.parameters, 3);
}

TEST(PostgresDialect, NumberedPlaceholdersKeepTheirNumberAndBareOnesFollowTheLargest) {
  auto t = toPostgresStatement("SELECT ?2, ?1, ?, ?7, ?");
  EXPECT_EQ(t.sql, "SELECT $2, $1, $3, $7, $8");
  EXPECT_EQ(t.parameters, 8);
}

TEST(PostgresDialect, LeavesLiteralsQuotedNamesAndCommentsAlone) {
  auto t = toPostgresStatement(
      "SELECT 'it''s ? LIKE', \"like?\" FROM t -- what? like\nWHERE x LIKE ? /* ? INTEGER */");
  EXPECT_EQ(
      t.sql,
      "SELECT 'it''s ? LIKE', \"like?\" FROM t -- what? like\nWHERE x ILIKE $1 /* ? INTEGER */");
  EXPECT_EQ(t.parameters, 1);
}

TEST(PostgresDialect, LikeIgnoresCaseAsInSqlite) {
  EXPECT_EQ(toPostgresStatement("a not like ? ESCAPE '\\'").sql, "a not ILIKE $1 ESCAPE '\\'");
  // Words that merely contain the keyword are names.
  EXPECT_EQ(toPostgresStatement("SELECT likes, unlike_count FROM t").sql,
            "SELECT likes, unlike_count FROM t");
}

TEST(PostgresDialect, MapsTypesInSchemasAndCasts) {
  EXPECT_EQ(
      toPostgresScript("CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  n INTEGER NOT NULL,\n"
                       "  lat REAL, bytes BLOB, name TEXT, real_name TEXT);"),
      "CREATE TABLE t (\n  id BIGINT PRIMARY KEY,\n"
      "  n BIGINT NOT NULL,\n  lat DOUBLE PRECISION, bytes BYTEA, name TEXT, real_name TEXT);\n"
      "CREATE OR REPLACE FUNCTION linli_next_t_id() RETURNS trigger LANGUAGE plpgsql AS $linli$ "
      "BEGIN IF NEW.id IS NULL THEN SELECT COALESCE(MAX(id), 0) + 1 INTO NEW.id FROM t; END IF; "
      "RETURN NEW; END $linli$;\nCREATE OR REPLACE TRIGGER linli_next_t_id BEFORE INSERT ON t FOR "
      "EACH ROW EXECUTE FUNCTION linli_next_t_id();\n");
  EXPECT_EQ(toPostgresStatement("SELECT CAST(? AS BLOB), CAST(x AS INTEGER)").sql,
            "SELECT CAST($1 AS BYTEA), CAST(x AS BIGINT)");
  // A statement is never a table definition: no numbering trigger there.
  EXPECT_EQ(toPostgresStatement("SELECT CAST(x AS INTEGER) primary_key").sql,
            "SELECT CAST(x AS BIGINT) primary_key");
}

TEST(PostgresDialect, UnterminatedLiteralIsCopiedNotOverrun) {
  auto t = toPostgresStatement("SELECT 'open ?");
  EXPECT_EQ(t.sql, "SELECT 'open ?");
  EXPECT_EQ(t.parameters, 0);
}

TEST(PostgresDialect, NumbersRowsLikeSqliteAfterIfNotExists) {
  std::string out =
      toPostgresScript("CREATE TABLE IF NOT EXISTS log (number INTEGER PRIMARY KEY, at INTEGER);");
  EXPECT_NE(out.find("CREATE TABLE IF NOT EXISTS log (number BIGINT PRIMARY KEY, at BIGINT)"),
            std::string::npos);
  EXPECT_NE(out.find("SELECT COALESCE(MAX(number), 0) + 1 INTO NEW.number FROM log"),
            std::string::npos);
  // A key of several columns is the table's own: nothing numbers it.
  EXPECT_EQ(toPostgresScript("CREATE TABLE p (a INTEGER, b INTEGER, PRIMARY KEY (a, b));"),
            "CREATE TABLE p (a BIGINT, b BIGINT, PRIMARY KEY (a, b));");
}

TEST(PostgresDialect, JsonEachOfIdsBecomesATableOfIntegers) {
  EXPECT_EQ(toPostgresStatement("SELECT r.id FROM json_each(?7) j JOIN r ON r.id = j.value").sql,
            "SELECT r.id FROM (SELECT CAST(value AS BIGINT) AS value FROM "
            "json_array_elements_text(CAST($7 AS JSON))) j JOIN r ON r.id = j.value");
}

TEST(PostgresDialect, IsAPlaceholderMatchesNullToNull) {
  EXPECT_EQ(toPostgresStatement("SELECT 1 WHERE a IS ? AND b IS NOT ? AND c IS NULL").sql,
            "SELECT 1 WHERE a IS NOT DISTINCT FROM $1 AND b IS DISTINCT FROM $2 AND c IS NULL");
}

}  // namespace
}  // namespace linli::storage::postgres
