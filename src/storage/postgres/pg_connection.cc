#include "storage/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <charconv>
#include <cmath>
#include <cstring>

#include "storage/postgres/dialect.h"
#include "storage/postgres/pg_db.h"

namespace linli::storage::postgres {

namespace {

// Type OIDs (pg_type.h): the ones results are converted by, and parameters typed with.
constexpr unsigned kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kText = 25,
                   kOid = 26, kFloat4 = 700, kFloat8 = 701, kNumeric = 1700;

struct ResultGuard {
  PGresult* r;
  ~ResultGuard() { PQclear(r); }
};

bool ok(PGresult* res) {
  ExecStatusType s = PQresultStatus(res);
  return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

std::string sqlState(PGresult* res) {
  const char* s = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  return s ? s : "";
}

bool isWhole(unsigned type) {
  return type == kInt8 || type == kInt2 || type == kInt4 || type == kOid;
}

Value cell(PGresult* res, int row, int col) {
  if (PQgetisnull(res, row, col)) return nullptr;
  const char* text = PQgetvalue(res, row, col);
  const int len = PQgetlength(res, row, col);
  const unsigned type = PQftype(res, col);
  if (type == kBool) return int64_t{text[0] == 't' ? 1 : 0};
  if (isWhole(type) || type == kNumeric) {
    int64_t v = 0;
    auto [end, ec] = std::from_chars(text, text + len, v);
    if (ec == std::errc() && end == text + len) return v;
    if (isWhole(type)) return std::string(text, len);
  }
  if (type == kFloat4 || type == kFloat8 || type == kNumeric) return std::strtod(text, nullptr);
  if (type == kBytea) {
    size_t n = 0;
    unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &n);
    std::string out(reinterpret_cast<const char*>(raw), n);
    PQfreemem(raw);
    return out;
  }
  return std::string(text, len);
}

void ignoreNotice(void*, const char*) {}

}  // namespace

Status resultError(PGconn* conn, PGresult* res, std::string_view what) {
  std::string detail = res ? PQresultErrorMessage(res) : "";
  if (detail.empty()) detail = PQerrorMessage(conn);
  while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
  const std::string state = sqlState(res);
  const std::string msg = std::string(what) + ": " + detail;
  if (PQstatus(conn) != CONNECTION_OK || state.starts_with("08") || state.starts_with("57P") ||
      state.starts_with("53"))
    return Status(Code::kUnavailable,
                  "数据库暂时连不上，这次没有保存；已保存的数据不受影响。请稍后重试 (" + msg + ")");
  if (state.starts_with("23")) return Status(Code::kConflict, msg);
  if (state == "40001" || state == "40P01" || state == "55P03")
    return Status(Code::kUnavailable, "数据库正忙，这次没有保存，请重试 (" + msg + ")");
  return Status(Code::kInternal, msg);
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string detail = PQerrorMessage(conn);
    PQfinish(conn);
    while (!detail.empty() && detail.back() == '\n') detail.pop_back();
    return Status(Code::kUnavailable,
                  "cannot connect to PostgreSQL at " + redactedUrl(url) + ": " + detail);
  }
  std::unique_ptr<Connection> c(new Connection(conn, url));
  LINLI_TRY(c->configure());
  return c;
}

Connection::Connection(PGconn* conn, std::string url) : conn_(conn), url_(std::move(url)) {}

Connection::~Connection() { PQfinish(conn_); }

Status Connection::configure() {
  PQsetNoticeProcessor(conn_, ignoreNotice, nullptr);  // NOTICEs would go to stderr
  // Durable commits whatever the server's default; UTF-8 as every text linli stores.
  return command(
      "SET synchronous_commit = on; SET client_encoding = 'UTF8'; "
      "SET standard_conforming_strings = on");
}

Status Connection::command(const char* sql) {
  ResultGuard g{PQexec(conn_, sql)};
  if (!ok(g.r)) return resultError(conn_, g.r, sql);
  return Status::Ok();
}

Status Connection::ensureOpen() {
  if (PQstatus(conn_) == CONNECTION_OK) return Status::Ok();
  PQreset(conn_);
  cache_.clear();  // prepared statements died with the old session
  if (PQstatus(conn_) != CONNECTION_OK) return resultError(conn_, nullptr, "reconnect");
  return configure();
}

bool Connection::inTransaction() const { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }

Status Connection::health() {
  return PQstatus(conn_) == CONNECTION_OK ? Status::Ok()
                                          : resultError(conn_, nullptr, "connection");
}

Status Connection::error(PGresult* res, std::string_view what) {
  return resultError(conn_, res, what);
}

Result<const Connection::Prepared*> Connection::prepare(std::string_view sql,
                                                        const std::vector<Value>& params) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return &it->second;
  Translated t = toPostgresStatement(sql);
  if (t.parameters != static_cast<int>(params.size()))
    return internalError("parameter count mismatch for: " + std::string(sql));
  Prepared p{"linli_" + std::to_string(++next_statement_), {}};
  // A failed prepare would abort the transaction it runs in: it runs in a savepoint.
  const bool nested = inTransaction();
  if (nested) LINLI_TRY(command("SAVEPOINT linli_prepare"));
  ResultGuard first{PQprepare(conn_, p.name.c_str(), t.sql.c_str(), t.parameters, nullptr)};
  if (!ok(first.r) && sqlState(first.r) == "42P18") {  // a type it cannot infer
    if (nested) LINLI_TRY(command("ROLLBACK TO linli_prepare"));
    std::vector<unsigned> types;
    for (const Value& v : params)
      types.push_back(std::holds_alternative<int64_t>(v)  ? kInt8
                      : std::holds_alternative<double>(v) ? kFloat8
                                                          : kText);
    ResultGuard typed{PQprepare(conn_, p.name.c_str(), t.sql.c_str(), t.parameters,
                                reinterpret_cast<const Oid*>(types.data()))};
    if (!ok(typed.r)) {
      Status st = error(typed.r, "prepare " + std::string(sql));
      if (nested) (void)command("ROLLBACK TO linli_prepare; RELEASE linli_prepare");
      return st;
    }
  } else if (!ok(first.r)) {
    Status st = error(first.r, "prepare " + std::string(sql));
    if (nested) (void)command("ROLLBACK TO linli_prepare; RELEASE linli_prepare");
    return st;
  }
  if (nested) LINLI_TRY(command("RELEASE linli_prepare"));
  ResultGuard described{PQdescribePrepared(conn_, p.name.c_str())};
  if (!ok(described.r)) return error(described.r, "describe " + std::string(sql));
  for (int i = 0; i < PQnparams(described.r); ++i) p.types.push_back(PQparamtype(described.r, i));
  return &cache_.emplace(std::string(sql), std::move(p)).first->second;
}

Result<PGresult*> Connection::run(std::string_view sql, const std::vector<Value>& params) {
  LINLI_ASSIGN_OR_RETURN(const Prepared* p, prepare(sql, params));
  if (p->types.size() != params.size())
    return internalError("parameter count mismatch for: " + std::string(sql));
  const size_t n = params.size();
  std::vector<std::string> texts(n);
  std::vector<const char*> values(n, nullptr);
  std::vector<int> lengths(n, 0), formats(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const Value& v = params[i];
    const unsigned type = p->types[i];
    if (std::holds_alternative<std::nullptr_t>(v)) continue;
    if (auto s = std::get_if<std::string>(&v)) {
      if (type == kBytea) {
        formats[i] = 1;  // raw bytes, not bytea's text form
        values[i] = s->data();
        lengths[i] = static_cast<int>(s->size());
        continue;
      }
      if (std::memchr(s->data(), '\0', s->size()))
        return invalidArgument("text", "text must not contain a NUL character");
      values[i] = s->c_str();
      continue;
    }
    if (auto x = std::get_if<int64_t>(&v)) {
      texts[i] = std::to_string(*x);
    } else {
      double d = std::get<double>(v);
      if (std::isnan(d))
        texts[i] = "NaN";
      else if (std::isinf(d))
        texts[i] = d > 0 ? "Infinity" : "-Infinity";
      else if (isWhole(type) && d == std::floor(d))
        texts[i] = std::to_string(static_cast<int64_t>(d));
      else {
        char buf[32];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
        texts[i].assign(buf, end);
      }
    }
    values[i] = texts[i].c_str();
  }
  PGresult* res = PQexecPrepared(conn_, p->name.c_str(), static_cast<int>(n), values.data(),
                                 lengths.data(), formats.data(), 0);
  if (!ok(res)) {
    Status st = error(res, "run " + std::string(sql.substr(0, 200)));
    PQclear(res);
    if (PQstatus(conn_) != CONNECTION_OK) cache_.clear();
    return st;
  }
  return res;
}

Result<std::vector<Row>> Connection::query(std::string_view sql, const std::vector<Value>& params) {
  LINLI_ASSIGN_OR_RETURN(PGresult * res, run(sql, params));
  ResultGuard g{res};
  const int rows = PQntuples(res), cols = PQnfields(res);
  std::vector<Row> out(rows);
  for (int r = 0; r < rows; ++r) {
    out[r].cols.reserve(cols);
    for (int c = 0; c < cols; ++c) out[r].cols.push_back(cell(res, r, c));
  }
  return out;
}

Result<int64_t> Connection::exec(std::string_view sql, const std::vector<Value>& params) {
  LINLI_ASSIGN_OR_RETURN(PGresult * res, run(sql, params));
  ResultGuard g{res};
  const char* changed = PQcmdTuples(res);
  return changed && *changed ? std::stoll(changed) : int64_t{0};
}

Status Connection::execScript(std::string_view sql) {
  const std::string script = toPostgresScript(sql);
  ResultGuard g{PQexec(conn_, script.c_str())};
  if (!ok(g.r)) return error(g.r, "script");
  return Status::Ok();
}

}  // namespace linli::storage::postgres
