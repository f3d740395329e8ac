// The dispatcher against the real SMS sender and the local fake gateway, in
// simulated time: 500s, answers that come too late and dropped connections
// are retried with back-off; no message is lost. The fake records every
// arrival, so the counts below are arrivals: a message refused (500) or cut
// off (dropped) arrives once, when retried; one accepted whose answer came too
// late arrives twice, with the same id (a real gateway drops the repeat).
#include "notify/dispatcher.h"

#include <gtest/gtest.h>

#include <map>
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
  // Message id → attempts, and the ids in a given status.
  std::map<int64_t, int64_t> attempts() {
    std::map<int64_t, int64_t> out;
    EXPECT_TRUE(db_->read([&](storage::Tx& tx) -> Status {
                     LINLI_ASSIGN_OR_RETURN(auto rows,
                                            tx.query("SELECT id, attempts FROM messages", {}));
                     for (const auto& r : rows) out[r.i64(0)] = r.i64(1);
                     return Status::Ok();
                   })
                    .ok());
    return out;
  }
  std::set<int64_t> idsWithStatus(const std::string& status) {
    std::set<int64_t> out;
    EXPECT_TRUE(db_->read([&](storage::Tx& tx) -> Status {
                     LINLI_ASSIGN_OR_RETURN(
                         auto rows, tx.query("SELECT id FROM messages WHERE status = ?", {status}));
                     for (const auto& r : rows) out.insert(r.i64(0));
                     return Status::Ok();
                   })
                    .ok());
    return out;
  }
  // How many times each message id arrived at the gateway.
  std::map<int64_t, int> arrivals() {
    std::map<int64_t, int> out;
    for (const auto& m : gateway_.delivered()) ++out[std::stoll(m.id)];
    return out;
  }
  Dispatcher dispatcher(DispatcherOptions o = {}, int senders = 4) {
    std::map<std::string, std::unique_ptr<Channel>> channels;
    channels["sms"] =
        makeSmsGateway({.url = gateway_.url(), .timeout = std::chrono::milliseconds(300)});
    o.senders = senders;
    return Dispatcher(*db_, clock_, keys_, std::move(channels), o);
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Db> db_;
  SimulatedClock clock_{kStart};
  crypto::Keys keys_ = crypto::Keys::fromBytes({1, 2, 3});
  FakeSmsGateway gateway_;
};

TEST_F(DispatcherTest, RetriesDropsAnd500sAndEachMessageArrivesExactlyOnce) {
  auto ids = queue(40);
  // Dropped connections first, on a dispatcher of their own with one sender:
  // each request then goes out on a fresh connection (a dropped one is not
  // reused), so curl cannot resend it by itself and every drop is a failed
  // attempt the dispatcher has to retry.
  std::set<int64_t> dropped;
  {
    Dispatcher fresh = dispatcher({.batch = 10, .first_backoff_ms = 1000}, 1);
    gateway_.misbehave(Misbehave::kDrop, 3);
    auto r = fresh.runOnce();
    ASSERT_TRUE(r.ok()) << r.status().toString();
    EXPECT_EQ(r->claimed, 10);
    EXPECT_EQ(r->retried, 3);
    EXPECT_EQ(r->sent, 7);
    EXPECT_EQ(gateway_.requests(), 10);
    // The seven accepted arrived once each; the three cut off did not arrive,
    // are queued again after one attempt and wait for their back-off.
    auto after_drop = arrivals();
    EXPECT_EQ(after_drop.size(), 7u);
    for (const auto& [id, n] : after_drop) EXPECT_EQ(n, 1) << id;
    for (int64_t id : idsWithStatus("sent")) EXPECT_EQ(after_drop.count(id), 1u) << id;
    auto tries = attempts();
    for (int64_t id : idsWithStatus("queued"))  // the 30 not yet claimed have 0 attempts
      if (tries[id] == 1) dropped.insert(id);
    EXPECT_EQ(dropped.size(), 3u);
    for (int64_t id : dropped) EXPECT_EQ(after_drop.count(id), 0u) << id;
  }
  Dispatcher d = dispatcher({.batch = 10, .first_backoff_ms = 1000});
  gateway_.misbehave(Misbehave::kError500, 3);
  auto r = d.runOnce();
  ASSERT_TRUE(r.ok()) << r.status().toString();
  EXPECT_EQ(r->claimed, 10);  // ten new ones: the dropped three are backing off
  EXPECT_EQ(r->retried, 3);
  EXPECT_EQ(r->sent, 7);
  EXPECT_EQ(gateway_.requests(), 20);
  EXPECT_EQ(gateway_.delivered().size(), 14u);  // a 500 is no arrival

  // Everything left goes out, the retries once their back-off has passed.
  for (int i = 0; i < 10 && statuses()["sent"] < 40; ++i) {
    clock_.advance(60 * 1000);
    ASSERT_TRUE(d.runOnce().ok());
  }
  EXPECT_EQ(statuses(), (std::map<std::string, int64_t>{{"sent", 40}}));
  // 40 arrivals, one per message: nothing was sent twice.
  auto delivered = gateway_.delivered();
  EXPECT_EQ(delivered.size(), 40u);
  auto per_id = arrivals();
  EXPECT_EQ(per_id.size(), 40u);
  for (int64_t id : ids) EXPECT_EQ(per_id[id], 1) << id;
  // Every request is accounted for: 40 arrivals, 3 drops, 3 refusals.
  EXPECT_EQ(gateway_.requests(), 46);
  // The retries really happened: the dropped three and the three refused
  // took two attempts each, every other message one.
  auto tries = attempts();
  int twice = 0;
  for (const auto& [id, n] : tries) {
    EXPECT_TRUE(n == 1 || n == 2) << id << ": " << n;
    twice += n == 2;
  }
  EXPECT_EQ(twice, 6);
  int dropped_retried = 0;
  for (int64_t id : dropped) dropped_retried += tries[id] == 2;
  EXPECT_EQ(dropped_retried, 3);
  EXPECT_EQ(delivered.front().to.substr(0, 7), "1380013");
}

TEST_F(DispatcherTest, ALateAnswerIsSentAgainSoTheGatewaySeesItTwice) {
  auto ids = queue(10);
  // One sender, so the three late answers are three different messages.
  Dispatcher d = dispatcher({.batch = 10, .first_backoff_ms = 1000}, 1);
  gateway_.misbehave(Misbehave::kLateAnswer, 3, 600);  // the sender waits 300 ms
  auto r = d.runOnce();
  ASSERT_TRUE(r.ok()) << r.status().toString();
  EXPECT_EQ(r->claimed, 10);
  EXPECT_EQ(r->retried, 3);
  EXPECT_EQ(r->sent, 7);
  // All ten arrived, the late ones too: the gateway accepted them.
  auto first = arrivals();
  EXPECT_EQ(first.size(), 10u);
  for (int64_t id : ids) EXPECT_EQ(first[id], 1) << id;
  const std::set<int64_t> late = idsWithStatus("queued");
  EXPECT_EQ(late.size(), 3u);

  clock_.advance(1000);
  r = d.runOnce();
  ASSERT_TRUE(r.ok()) << r.status().toString();
  EXPECT_EQ(r->claimed, 3);
  EXPECT_EQ(r->sent, 3);
  EXPECT_EQ(statuses(), (std::map<std::string, int64_t>{{"sent", 10}}));
  // The resends arrive with the same ids: 13 arrivals, the late three twice.
  EXPECT_EQ(gateway_.delivered().size(), 13u);
  EXPECT_EQ(gateway_.requests(), 13);
  auto per_id = arrivals();
  auto tries = attempts();
  for (int64_t id : ids) {
    EXPECT_EQ(per_id[id], late.count(id) ? 2 : 1) << id;
    EXPECT_EQ(tries[id], late.count(id) ? 2 : 1) << id;
  }
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
  EXPECT_EQ(gateway_.requests(), 3);  // three attempts, none accepted
  EXPECT_TRUE(gateway_.delivered().empty());
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
