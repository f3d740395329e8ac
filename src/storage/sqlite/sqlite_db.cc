#include "storage/sqlite/sqlite_db.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "metrics/metrics.h"
#include "storage/sqlite/wal_syncer.h"
#include "storage/write_queue.h"

namespace linli::storage {

int64_t Row::i64(size_t i) const {
  const Value& v = cols.at(i);
  if (auto p = std::get_if<int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::stoll(*p);
  return 0;
}

double Row::f64(size_t i) const {
  const Value& v = cols.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
  return 0;
}

std::string Row::str(size_t i) const {
  const Value& v = cols.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
  return {};
}

namespace {

// Storage faults: the disk is full, the file cannot be written, or the disk
// failed. They say nothing about the use case, only that nothing can be saved
// for now: 503, with a message a worker understands (the web shows its own text
// for the code; API clients and logs get this one), while reads go on.
bool isStorageFault(int rc) {
  switch (rc & 0xff) {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_NOMEM:
      return true;
    default:
      return false;
  }
}

Status storageFault(int rc, std::string_view what, std::string_view detail) {
  std::string text;
  switch (rc & 0xff) {
    case SQLITE_FULL:
      text = "存储空间已满，暂时无法保存；已有数据可以照常查看。请管理员清理数据盘后重试";
      break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      text = "数据库当前只读，暂时无法保存；已有数据可以照常查看。请管理员检查数据目录的写权限";
      break;
    default:
      text = "数据盘读写出错，暂时无法保存；已有数据可以照常查看。请稍后重试或联系管理员";
  }
  return Status(Code::kUnavailable,
                text + " (" + std::string(what) + ": " + std::string(detail) + ")");
}

Status sqliteError(sqlite3* db, int rc, std::string_view what) {
  const char* detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  if (isStorageFault(rc)) return storageFault(rc, what, detail);
  std::string msg = std::string(what) + ": " + detail;
  int primary = rc & 0xff;
  if (primary == SQLITE_CONSTRAINT) return Status(Code::kConflict, msg);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Status(Code::kUnavailable, msg);
  return Status(Code::kInternal, msg);
}

class Connection final : public Tx {
 public:
  explicit Connection(sqlite3* db) : db_(db) {}
  ~Connection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Result<std::vector<Row>> query(std::string_view sql, const std::vector<Value>& params) override {
    std::vector<Row> rows;
    Status st = run(sql, params, &rows);
    if (!st.ok()) return st;
    return rows;
  }

  Result<int64_t> exec(std::string_view sql, const std::vector<Value>& params) override {
    Status st = run(sql, params, nullptr);
    if (!st.ok()) return st;
    return static_cast<int64_t>(sqlite3_changes(db_));
  }

  Status execScript(std::string_view sql) override {
    std::string text(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : "error";
      sqlite3_free(err);
      if (isStorageFault(rc)) return noteFault(rc, storageFault(rc, "script", msg));
      return internalError(msg);
    }
    return Status::Ok();
  }

  sqlite3* handle() { return db_; }
  bool inTransaction() { return sqlite3_get_autocommit(db_) == 0; }
  // The first storage fault since clearFault(), even one a use case swallowed.
  const Status& fault() const { return fault_; }
  int faultCode() const { return fault_rc_ & 0xff; }
  void clearFault() {
    fault_ = Status::Ok();
    fault_rc_ = SQLITE_OK;
  }

 private:
  Result<sqlite3_stmt*> prepare(std::string_view sql) {
    auto it = cache_.find(sql);  // no copy of the SQL text per statement
    if (it != cache_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return error(rc, "prepare");
    cache_.emplace(std::string(sql), stmt);
    return stmt;
  }

  Status run(std::string_view sql, const std::vector<Value>& params, std::vector<Row>* rows) {
    LINLI_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, prepare(sql));
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt))
      return internalError("parameter count mismatch for: " + std::string(sql));
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i) + 1;
      const Value& v = params[i];
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::nullptr_t>(v))
        rc = sqlite3_bind_null(stmt, idx);
      else if (auto p = std::get_if<int64_t>(&v))
        rc = sqlite3_bind_int64(stmt, idx, *p);
      else if (auto p = std::get_if<double>(&v))
        rc = sqlite3_bind_double(stmt, idx, *p);
      else if (auto p = std::get_if<std::string>(&v))
        rc = sqlite3_bind_text(stmt, idx, p->data(), static_cast<int>(p->size()), SQLITE_STATIC);
      if (rc != SQLITE_OK) return error(rc, "bind");
    }
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) return Status::Ok();
      if (rc != SQLITE_ROW) return error(rc, "step");
      if (!rows) continue;
      Row row;
      int n = sqlite3_column_count(stmt);
      row.cols.reserve(n);
      for (int c = 0; c < n; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_NULL:
            row.cols.emplace_back(nullptr);
            break;
          case SQLITE_INTEGER:
            row.cols.emplace_back(int64_t{sqlite3_column_int64(stmt, c)});
            break;
          case SQLITE_FLOAT:
            row.cols.emplace_back(sqlite3_column_double(stmt, c));
            break;
          default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            row.cols.emplace_back(std::string(text, sqlite3_column_bytes(stmt, c)));
          }
        }
      }
      rows->push_back(std::move(row));
    }
  }

  Status error(int rc, std::string_view what) {
    Status st = sqliteError(db_, rc, what);
    return isStorageFault(rc) ? noteFault(rc, std::move(st)) : st;
  }
  Status noteFault(int rc, Status st) {
    if (fault_.ok()) {
      fault_ = st;
      fault_rc_ = rc;
    }
    return st;
  }

  sqlite3* db_;
  Status fault_;
  int fault_rc_ = SQLITE_OK;
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> cache_;
};

// Checkpoints off the commit path. With autocheckpoint a commit that tips the
// WAL over its limit copies the whole WAL into the database and fsyncs it
// (16 MB every few dozen commits at the 16 KiB pages of the time), and every
// writer queued behind it waits. Here a thread of its own copies committed frames every
// second (PASSIVE: writers and readers go on). A page rewritten by many
// commits is copied once per checkpoint, so a second copies far less than a
// quarter second four times (request filing: 4,400/s → 4,900/s). If readers
// keep the WAL from being reused and it passes kRestartFrames (256 MiB at
// 8 KiB pages), it waits for them (RESTART).
class Checkpointer {
 public:
  // `reopen`: a new connection, or null; used while the file is read-only to this one (it was
  // opened while the database could not be written), so checkpoints resume once it can.
  Checkpointer(sqlite3* db, std::function<sqlite3*()> reopen)
      : db_(db), reopen_(std::move(reopen)), thread_([this] { run(); }) {}
  ~Checkpointer() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
    sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    sqlite3_close_v2(db_);
  }
  void committed() { dirty_.store(true, std::memory_order_relaxed); }

 private:
  static constexpr int kRestartFrames = 32768;
  void run() {
    std::unique_lock lock(mu_);
    while (!stopping_) {
      cv_.wait_for(lock, std::chrono::milliseconds(1000), [this] { return stopping_; });
      if (stopping_ || !dirty_.exchange(false)) continue;
      lock.unlock();
      if (sqlite3_db_readonly(db_, "main") == 1)
        if (sqlite3* fresh = reopen_()) {
          sqlite3_close_v2(db_);
          db_ = fresh;
        }
      int frames = 0, copied = 0;
      sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied);
      if (frames > kRestartFrames)
        sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
      lock.lock();
    }
  }
  sqlite3* db_;
  const std::function<sqlite3*()> reopen_;
  std::atomic<bool> dirty_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

class SqliteDb final : public Db {
 public:
  using OpenWriter = std::function<Result<std::unique_ptr<Connection>>()>;
  SqliteDb(std::unique_ptr<Connection> writer, std::vector<std::unique_ptr<Connection>> pool,
           sqlite3* checkpoint_connection, std::function<sqlite3*()> reopen_checkpoints,
           std::unique_ptr<WalSyncer> syncer, OpenWriter open_writer)
      : open_writer_(std::move(open_writer)),
        writer_(std::move(writer)),
        syncer_(std::move(syncer)),
        checkpointer_(checkpoint_connection, std::move(reopen_checkpoints)) {
    for (auto& c : pool) free_.push_back(c.get());
    all_ = std::move(pool);
    queue_ = std::make_unique<WriteQueue>(
        kMaxBatch, [this](WriteQueue::Batch b) { commitBatch(std::move(b)); });
  }

  // Writes queued before are committed and made durable first.
  ~SqliteDb() override {
    queue_.reset();
    syncer_.reset();  // flushes the last commits and answers their writers
  }

  // Group commit (WriteQueue): each batch is one transaction and one flush. Each writer hears
  // back only once the commit is durable: the WalSyncer flushes it while the next batch runs.
  Status write(const std::function<Status(Tx&)>& fn) override { return queue_->write(fn); }

  void writeAsync(std::function<Status(Tx&)> fn, std::function<void(Status)> done) override {
    queue_->writeAsync(std::move(fn), std::move(done));
  }

  Status read(const std::function<Status(Tx&)>& fn) override {
    return transact("BEGIN", "read", fn);
  }

  std::string engine() const override { return "sqlite"; }

 private:
  using Member = WriteQueue::Member;
  static constexpr size_t kMaxBatch = 256;

  void commitBatch(WriteQueue::Batch batch) {
    if (runBatch(batch) && syncer_)
      syncer_->committed([this, batch = std::move(batch)](const Status& durable) {
        queue_->finish(batch, durable);
      });
    else
      queue_->finish(batch, Status::Ok());
  }

  // Runs the batch in one transaction; whether anything was committed. A
  // storage fault (disk full, read-only file, I/O error) anywhere ends the whole
  // batch: SQLite may already have rolled the transaction back, and a member run
  // after that would commit on its own. Every member then fails with the fault,
  // none is acknowledged, and the writer starts the next batch afresh.
  bool runBatch(const std::vector<Member*>& batch) {
    bool committed = false;
    auto started = std::chrono::steady_clock::now();
    if (sqlite3_db_readonly(writer_->handle(), "main") == 1) reopenWriter();
    Connection* conn = writer_.get();
    conn->clearFault();
    Status st = conn->exec("BEGIN IMMEDIATE", {}).status();
    if (st.ok()) {
      size_t ran = runMembers(*conn, batch, [conn] { return !conn->fault().ok(); });
      const bool any =
          std::any_of(batch.begin(), batch.end(), [](const Member* m) { return m->result.ok(); });
      if (!conn->fault().ok()) {
        st = conn->fault();
      } else {
        st = any ? conn->exec("COMMIT", {}).status() : conn->exec("ROLLBACK", {}).status();
        if (any && st.ok()) {
          checkpointer_.committed();
          committed = true;
        }
      }
      if (!committed) {
        if (conn->inTransaction()) (void)conn->exec("ROLLBACK", {});
        if (any || !conn->fault().ok())
          for (size_t i = 0; i < batch.size(); ++i)  // nothing of theirs was kept
            if (i >= ran || batch[i]->result.ok()) batch[i]->result = st;
      }
    } else {
      for (Member* m : batch) m->result = st;
    }
    if (!conn->fault().ok()) recoverWriter();
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    metrics::Registry::global().observe("linli_db_transaction_seconds", {{"kind", "write"}},
                                        took.count());
    return committed;
  }

  // After a storage fault the writing connection is rolled back (SQLite may
  // have done so already); one that cannot be is replaced by a new one. One
  // that opened the file while it could not be written stays read-only for
  // good: it is replaced before each batch until a new one can write. Either
  // way writes work again as soon as the disk does, without a restart.
  void recoverWriter() {
    if (writer_->inTransaction()) (void)writer_->exec("ROLLBACK", {});
    if (writer_->inTransaction()) reopenWriter();
  }
  void reopenWriter() {
    auto fresh = open_writer_();
    if (fresh.ok()) writer_ = std::move(fresh).value();
  }

  Status transact(const char* begin, const char* kind, const std::function<Status(Tx&)>& fn) {
    auto started = std::chrono::steady_clock::now();
    Connection* conn = acquire();
    Status st = conn->exec(begin, {}).status();
    if (st.ok()) {
      st = fn(*conn);
      if (st.ok()) {
        st = conn->exec("COMMIT", {}).status();
        if (!st.ok()) (void)conn->exec("ROLLBACK", {});
      } else {
        (void)conn->exec("ROLLBACK", {});
      }
    }
    release(conn);
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    metrics::Registry::global().observe("linli_db_transaction_seconds", {{"kind", kind}},
                                        took.count());
    return st;
  }

  Connection* acquire() {
    std::unique_lock lock(pool_mu_);
    pool_cv_.wait(lock, [&] { return !free_.empty(); });
    Connection* c = free_.back();
    free_.pop_back();
    return c;
  }

  void release(Connection* c) {
    {
      std::lock_guard lock(pool_mu_);
      free_.push_back(c);
    }
    pool_cv_.notify_one();
  }

  // Batches run one at a time, always on this connection: as nothing else in
  // the process writes, its page cache stays valid from one batch to the next
  // (a connection that sees another's commit drops its whole cache, and a
  // batch then re-read and re-allocated every page it touched).
  OpenWriter open_writer_;
  std::unique_ptr<Connection> writer_;
  std::vector<std::unique_ptr<Connection>> all_;
  std::vector<Connection*> free_;
  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::unique_ptr<WalSyncer> syncer_;  // null: commits are not flushed (synchronous_full off)
  Checkpointer checkpointer_;          // stops before the connections close
  std::unique_ptr<WriteQueue> queue_;  // stops first
};

}  // namespace

namespace {
Result<sqlite3*> openConnection(const SqliteOptions& options) {
  sqlite3* db = nullptr;
  int rc =
      sqlite3_open_v2(options.path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status st = sqliteError(db, rc, "open " + options.path);
    sqlite3_close_v2(db);
    return Status(Code::kUnavailable, st.message());
  }
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  return db;
}

Result<std::unique_ptr<Connection>> openConfigured(const SqliteOptions& options) {
  LINLI_ASSIGN_OR_RETURN(sqlite3 * db, openConnection(options));
  auto conn = std::make_unique<Connection>(db);
  // 8 KiB pages for a new database (ignored on an existing one): a commit
  // writes every page it touched whole, so small transactions want small
  // pages (request filing: 4 KiB 5,000–5,200/s, 8 KiB 4,800–5,000/s, 16 KiB
  // 4,350–4,500/s), while bulk loads want big ones (a million-row import:
  // 91k, 107k and 108k rows/s). 64 MiB page cache: bulk loads touch many
  // index pages. No memory-mapped reads: a reader that sees another
  // connection's commit unmaps the whole file, and the unmapping, page
  // faults and TLB flushes cost the reads of request filing more than
  // copying pages does (5,400/s → 5,950/s; the import did not change).
  std::string pragmas =
      "PRAGMA page_size=8192; PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA "
      "cache_size=-65536; "
      "PRAGMA mmap_size=0; PRAGMA wal_autocheckpoint=0; "
      // After a checkpoint has let the WAL start over, its file is cut back to
      // 64 MiB: a busy second or a bulk import leaves hundreds of MB behind.
      "PRAGMA journal_size_limit=67108864; "
      "PRAGMA synchronous=NORMAL;";  // the WalSyncer flushes commits (synchronous_full)
  Status st = conn->execScript(pragmas);
  if (!st.ok())
    return Status(Code::kUnavailable, "configure " + options.path + ": " + st.message());
  return conn;
}

// A connection for checkpoints. Until a connection has read the database it
// does not know it is in WAL mode, and every checkpoint it asks for is a no-op
// (log size -1): the WAL then grew for as long as the server ran.
Result<sqlite3*> openCheckpointing(const SqliteOptions& options, const char* synchronous) {
  LINLI_ASSIGN_OR_RETURN(sqlite3 * db, openConnection(options));
  const std::string pragmas =
      std::string("PRAGMA journal_mode=WAL; PRAGMA synchronous=") + synchronous + ";";
  char* err = nullptr;
  if (sqlite3_exec(db, pragmas.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "error";
    sqlite3_free(err);
    sqlite3_close_v2(db);
    return Status(Code::kUnavailable, "configure checkpoints of " + options.path + ": " + msg);
  }
  return db;
}
}  // namespace

Result<std::unique_ptr<Db>> openSqlite(const SqliteOptions& options) {
  // No memory statistics: they take a global mutex on every allocation
  // SQLite makes, which every connection's thread would contend for.
  static std::once_flag configured;
  // Group commit runs each member in a savepoint, which copies every page the
  // member changes into a sub-journal. Kept in memory, that journal grew in
  // 1 KiB chunks: eight allocations per 8 KiB page, a quarter of a batch's
  // time. With temp files allowed, it grows in chunks of the spill size
  // instead and goes to a file only past 2 MiB (request filing: batch work
  // per filing 92 → 72 µs).
  std::call_once(configured, [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 2 << 20);
  });
  std::vector<std::unique_ptr<Connection>> pool;
  for (int i = 0; i < std::max(1, options.pool_size) + 1; ++i) {  // the readers and the writer
    LINLI_ASSIGN_OR_RETURN(auto conn, openConfigured(options));
    pool.push_back(std::move(conn));
  }
  metrics::Registry::global().setHelp("linli_db_transaction_seconds", "histogram",
                                      "Time spent in database transactions.");
  LINLI_ASSIGN_OR_RETURN(sqlite3 * checkpoints, openCheckpointing(options, "NORMAL"));
  std::unique_ptr<WalSyncer> syncer;
  if (options.synchronous_full) {
    // After a failed flush: a TRUNCATE checkpoint copies every committed page into the
    // database file and flushes it (WalSyncer's contract).
    syncer = std::make_unique<WalSyncer>(
        options.path + "-wal",
        [options]() -> Status {
          // Rare: a connection for each recovery (one opened earlier might be read-only for good).
          LINLI_ASSIGN_OR_RETURN(sqlite3 * db, openCheckpointing(options, "FULL"));
          int rc =
              sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
          Status st = rc == SQLITE_OK ? Status::Ok() : sqliteError(db, rc, "checkpoint");
          sqlite3_close_v2(db);
          return st;
        },
        options.wal_sync);
  }
  auto writer = std::move(pool.back());
  pool.pop_back();
  auto reopen_checkpoints = [options]() -> sqlite3* {
    auto db = openCheckpointing(options, "NORMAL");
    return db.ok() ? *db : nullptr;
  };
  return std::unique_ptr<Db>(new SqliteDb(std::move(writer), std::move(pool), checkpoints,
                                          reopen_checkpoints, std::move(syncer),
                                          [options] { return openConfigured(options); }));
}

}  // namespace linli::storage
