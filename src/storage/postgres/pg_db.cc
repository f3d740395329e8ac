#include "storage/postgres/pg_db.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "metrics/metrics.h"
#include "storage/postgres/pg_connection.h"
#include "storage/write_queue.h"

namespace linli::storage {

bool isPostgresUrl(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

std::string redactedUrl(std::string_view url) {
  size_t scheme = url.find("://");
  size_t at = url.find('@');
  if (scheme == std::string_view::npos || at == std::string_view::npos) return std::string(url);
  size_t colon = url.find(':', scheme + 3);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  return std::string(url.substr(0, colon)) + ":***" + std::string(url.substr(at));
}

namespace {

using postgres::Connection;

// Every write transaction takes it first: one writer at a time across every node.
constexpr const char* kBeginWrite = "BEGIN; SELECT pg_advisory_xact_lock(7305482)";
constexpr const char* kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

void observe(const char* kind, std::chrono::steady_clock::time_point started) {
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  metrics::Registry::global().observe("linli_db_transaction_seconds", {{"kind", kind}},
                                      took.count());
}

class PostgresDb final : public Db {
 public:
  PostgresDb(std::unique_ptr<Connection> writer, std::vector<std::unique_ptr<Connection>> pool)
      : writer_(std::move(writer)), all_(std::move(pool)) {
    for (auto& c : all_) free_.push_back(c.get());
    queue_ =
        std::make_unique<WriteQueue>(kMaxBatch, [this](WriteQueue::Batch b) { commitBatch(b); });
  }
  ~PostgresDb() override { queue_.reset(); }  // commits what is queued first

  Status write(const std::function<Status(Tx&)>& fn) override { return queue_->write(fn); }
  void writeAsync(std::function<Status(Tx&)> fn, std::function<void(Status)> done) override {
    queue_->writeAsync(std::move(fn), std::move(done));
  }

  Status read(const std::function<Status(Tx&)>& fn) override {
    auto started = std::chrono::steady_clock::now();
    Connection* conn = acquire();
    Status st = conn->ensureOpen();
    if (st.ok()) st = conn->command(kBeginRead);
    if (st.ok()) {
      st = fn(*conn);
      Status end = conn->command(st.ok() ? "COMMIT" : "ROLLBACK");
      if (st.ok()) st = end;
    }
    if (conn->inTransaction()) (void)conn->command("ROLLBACK");
    release(conn);
    observe("read", started);
    return st;
  }

  std::string engine() const override { return "postgresql"; }

 private:
  static constexpr size_t kMaxBatch = 256;

  // One transaction for the batch. A lost connection anywhere fails every member: none is
  // acknowledged (a COMMIT whose answer was lost may have landed; the caller retries with its
  // idempotency key).
  void commitBatch(const WriteQueue::Batch& batch) {
    auto started = std::chrono::steady_clock::now();
    Connection* conn = writer_.get();
    Status st = conn->ensureOpen();
    if (st.ok()) st = conn->command(kBeginWrite);
    if (st.ok()) {
      Status lost = Status::Ok();
      size_t ran = runMembers(*conn, batch, [&] {
        lost = conn->health();
        return !lost.ok();
      });
      const bool any = std::any_of(batch.begin(), batch.end(),
                                   [](const WriteQueue::Member* m) { return m->result.ok(); });
      if (lost.ok()) lost = conn->health();
      if (!lost.ok())
        st = lost;
      else
        st = conn->command(any ? "COMMIT" : "ROLLBACK");
      if (!st.ok() || !lost.ok()) {
        if (conn->inTransaction()) (void)conn->command("ROLLBACK");
        for (size_t i = 0; i < batch.size(); ++i)  // nothing of theirs was kept
          if (i >= ran || batch[i]->result.ok()) batch[i]->result = st;
      }
    } else {
      if (conn->inTransaction()) (void)conn->command("ROLLBACK");
      for (WriteQueue::Member* m : batch) m->result = st;
    }
    observe("write", started);
    queue_->finish(batch, Status::Ok());
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

  std::unique_ptr<Connection> writer_;
  std::vector<std::unique_ptr<Connection>> all_;
  std::vector<Connection*> free_;
  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::unique_ptr<WriteQueue> queue_;  // stops first
};

}  // namespace

Result<std::unique_ptr<Db>> openPostgres(const PostgresOptions& options) {
  std::vector<std::unique_ptr<Connection>> pool;
  for (int i = 0; i < std::max(1, options.pool_size); ++i) {
    LINLI_ASSIGN_OR_RETURN(auto conn, Connection::open(options.url));
    pool.push_back(std::move(conn));
  }
  LINLI_ASSIGN_OR_RETURN(auto writer, Connection::open(options.url));
  metrics::Registry::global().setHelp("linli_db_transaction_seconds", "histogram",
                                      "Time spent in database transactions.");
  return std::unique_ptr<Db>(new PostgresDb(std::move(writer), std::move(pool)));
}

}  // namespace linli::storage
