// The dispatcher against the real SMS sender and the local fake gateway, in
// simulated time: 500s, answers that come too late and dropped connections
// are retried with back-off; no message is lost and none is delivered twice.
#include "notify/dispatcher.h"

#include <gtest/gtest.h>

#include <set>

#include "notify/fake_gateways.h"
#include "notify/repo.h"
#include "storage/migrations.h"
#include "storage/sqlite/sqlite_db.h"
#include "testing/temp_dir.h"

namespace linli::notify {
namespace {

constexpr TimeMs kStart = 1795345062000;

class DispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = storage::openSqlite({.path = dir_.path() + "/linli.db"});
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    ASSERT_TRUE(storage::migrate(*db_, storage::embeddedMigrations()).ok());
    ASSERT_TRUE(gateway_.start().ok());
  }
  std::vector<int64_t> queue(int n, bool urgent = true) {
    std::vector<int64_t> ids;
    EXPECT_TRUE(db_->write([&](storage::Tx& tx) -> Status {
                     for (int i = 0; i < n; ++i) {
                       const std::string phone = "1380013" + std::to_string(1000 + i);
                       LINLI_TRY(repo::insertMessage(
                           tx, {.channel = "sms",
                                .address_sealed = keys_.seal("phone", phone),
                                .address_masked = "*******" + phone.substr(7),
                                .subject = "停水通知",
                                .body = "3号楼明天9点至12点停水 #" + std::to_string(i),
                                .urgent = urgent,
                                .next_at = clock_.now(),
                                .created_at = clock_.now()}));
                     }
                     LINLI_ASSIGN_OR_RETURN(auto rows,
                                            tx.query("SELECT id FROM messages ORDER BY id", {}));
                     for (const auto& r : rows) ids.push_back(r.i64(0));
                     return Status::Ok();
                   })
                    .ok());
    return ids;
  }
  std::map<std::string, int64_t> statuses() {
    std::map<std::string, int64_t> out;
    EXPECT_TRUE(db_->read([&](storage::Tx& tx) -> Status {
                     LINLI_ASSIGN_OR_RETURN(
                         auto rows,
                         tx.query("SELECT status, COUNT(*) FROM messages GROUP BY status", {}));
                     for (const auto& r : rows) out[r.str(0)] = r.i64(1);
                     return Status::Ok();
                   })
                    .ok());
    return out;
  }
  Dispatcher dispatcher(DispatcherOptions o = {}) {
    std::map<std::string, std::unique_ptr<Channel>> channels;
    channels["sms"] =
        makeSmsGateway({.url = gateway_.url(), .timeout = std::chrono::milliseconds(300)});
    o.senders = 4;
    return Dispatcher(*db_, clock_, keys_, std::move(channels), o);
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Db> db_;
  SimulatedClock clock_{kStart};
  crypto::Keys keys_ = crypto::Keys::fromBytes({1, 2, 3});
  FakeSmsGateway gateway_;
};

TEST_F(DispatcherTest, RetriesThroughFailuresAndDeliversEachOnce) {
  auto ids = queue(40);
  Dispatcher d = dispatcher({.batch = 10, .first_backoff_ms = 1000});
  for (Misbehave how : {Misbehave::kError500, Misbehave::kLateAnswer, Misbehave::kDrop}) {
    gateway_.misbehave(how, 3, 600);
    auto r = d.runOnce();
    ASSERT_TRUE(r.ok()) << r.status().toString();
    EXPECT_EQ(r->claimed, 10);
    // (curl may itself resend once on a reused connection the gateway dropped)
    if (how != Misbehave::kDrop) EXPECT_EQ(r->retried, 3) << static_cast<int>(how);
  }
  // Everything left goes out, the retries once their back-off has passed.
  for (int i = 0; i < 10 && statuses()["sent"] < 40; ++i) {
    clock_.advance(60 * 1000);
    ASSERT_TRUE(d.runOnce().ok());
  }
  EXPECT_EQ(statuses(), (std::map<std::string, int64_t>{{"sent", 40}}));
  // Each message reached phones exactly once, although some were sent twice
  // (the late answers: accepted, but the sender had given up).
  auto delivered = gateway_.delivered();
  std::set<std::string> unique;
  for (const auto& m : delivered) unique.insert(m.id);
  EXPECT_EQ(delivered.size(), 40u);
  EXPECT_EQ(unique.size(), 40u);
  for (int64_t id : ids) EXPECT_TRUE(unique.count(std::to_string(id))) << id;
  EXPECT_GE(gateway_.requests(), 46);
  EXPECT_EQ(delivered.front().to.substr(0, 7), "1380013");
}

TEST_F(DispatcherTest, GivesUpAfterMaxAttemptsWithTheLastError) {
  queue(1);
  Dispatcher d = dispatcher({.max_attempts = 3, .first_backoff_ms = 1000});
  gateway_.misbehave(Misbehave::kError500, 100);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(d.runOnce().ok());
    clock_.advance(10 * 1000);
  }
  EXPECT_EQ(statuses(), (std::map<std::string, int64_t>{{"failed", 1}}));
  auto r = d.runOnce();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->claimed, 0);
  std::string error;
  ASSERT_TRUE(db_->read([&](storage::Tx& tx) -> Status {
                   LINLI_ASSIGN_OR_RETURN(auto rows,
                                          tx.query("SELECT last_error FROM messages", {}));
                   error = rows.front().str(0);
                   return Status::Ok();
                 })
                  .ok());
  EXPECT_NE(error.find("500"), std::string::npos) << error;
}

TEST_F(DispatcherTest, QuietHoursHoldNonUrgentMessagesUntilTheyEnd) {
  // 23:30 +08:00: a message released at 07:00 waits; the dispatcher leaves it.
  clock_.set(*parseIso8601("2026-11-23T23:30:00+08:00"));
  const TimeMs release = releaseAt(clock_.now(), QuietHours{}, false);
  ASSERT_TRUE(db_->write([&](storage::Tx& tx) {
                   return repo::insertMessage(tx,
                                              {.channel = "sms",
                                               .address_sealed = keys_.seal("phone", "13800138000"),
                                               .subject = "s",
                                               .body = "明早停电",
                                               .next_at = release,
                                               .created_at = clock_.now()});
                 })
                  .ok());
  Dispatcher d = dispatcher();
  EXPECT_EQ(d.runOnce()->claimed, 0);
  clock_.set(*parseIso8601("2026-11-24T06:59:00+08:00"));
  EXPECT_EQ(d.runOnce()->claimed, 0);
  clock_.set(*parseIso8601("2026-11-24T07:00:00+08:00"));
  EXPECT_EQ(d.runOnce()->sent, 1);
  EXPECT_EQ(gateway_.delivered().size(), 1u);
}

}  // namespace
}  // namespace linli::notify
