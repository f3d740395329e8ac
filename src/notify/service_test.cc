// Messages to a user come in their language and through the channels they
// chose; quiet hours hold SMS but never the inbox.
#include <gtest/gtest.h>

#include "app/app.h"
#include "demo/demo.h"
#include "notify/notify.h"
#include "testing/demo_app.h"

namespace linli::notify {
namespace {

TEST(Notifications, InTheUsersLanguageAndChannelsWithQuietHours) {
  testing::DemoApp demo;
  ASSERT_NO_FATAL_FAILURE(demo.open({.now = "2026-11-23T23:00+08:00"}));
  app::App& a = demo.app();
  const Caller worker = demo.as("grid_worker");
  const Vars vars = {{"number", "SQ-ZS-20261123-0001"}, {"category", "噪声扰民"}, {"due", "明天"}};
  auto send = [&](bool urgent) {
    ASSERT_TRUE(a.db->write([&](storage::Tx& tx) {
                      return a.notify->toUser(tx, worker.principal->user_id, "requests.warn", vars,
                                              "/requests/1", urgent);
                    })
                    .ok());
  };
  send(false);
  auto prefs = a.notify->setPreferences(
      worker, {.sms = true, .locale = "en", .phone = "13800138000", .quiet = {22 * 60, 7 * 60}});
  ASSERT_TRUE(prefs.ok()) << prefs.status().toString();
  send(false);
  send(true);
  auto inbox = a.notify->inbox(worker, false, 1, 10);
  ASSERT_EQ(inbox->items.size(), 3u);  // the inbox never waits
  EXPECT_EQ(inbox->items[2].subject, "诉求 SQ-ZS-20261123-0001 即将超时");
  EXPECT_EQ(inbox->items[1].subject, "Request SQ-ZS-20261123-0001 is due soon");
  // SMS: the non-urgent one waits for 07:00, the urgent one goes now.
  std::vector<std::pair<int64_t, TimeMs>> sms;
  ASSERT_TRUE(a.db->read([&](storage::Tx& tx) -> Status {
                    LINLI_ASSIGN_OR_RETURN(
                        auto rows, tx.query("SELECT urgent, next_at FROM messages WHERE channel = "
                                            "'sms' ORDER BY id",
                                            {}));
                    for (const auto& r : rows) sms.emplace_back(r.i64(0), r.i64(1));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(sms.size(), 2u);
  EXPECT_EQ(sms[0], std::make_pair(int64_t{0}, *parseIso8601("2026-11-24T07:00+08:00")));
  EXPECT_EQ(sms[1], std::make_pair(int64_t{1}, *parseIso8601("2026-11-23T23:00+08:00")));
}

}  // namespace
}  // namespace linli::notify
