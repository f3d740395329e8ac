// The real SMTP sender against the local SMTP sink: a Chinese subject arrives
// encoded, the body as UTF-8, the message id in the headers; a server that is
// not there is an error the dispatcher retries.
#include <gtest/gtest.h>

#include "notify/channel.h"
#include "notify/fake_gateways.h"

namespace linli::notify {
namespace {

TEST(SmtpMailer, DeliversToAnSmtpServer) {
  FakeSmtpSink sink;
  ASSERT_TRUE(sink.start().ok());
  auto mailer = makeSmtpMailer({.url = sink.url(), .from = "linli@example.org"});
  Status st = mailer->deliver({.id = 42,
                               .to = "zhang@example.org",
                               .subject = "【红色】诉求 SQ-ZS-20261123-0001 已升级",
                               .body = "请于明日 9:00 前报到。\n第二行"});
  ASSERT_TRUE(st.ok()) << st.toString();
  auto got = sink.received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].from, "linli@example.org");
  EXPECT_EQ(got[0].to, std::vector<std::string>{"zhang@example.org"});
  EXPECT_NE(got[0].data.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(got[0].data.find("Message-ID: <linli-42@example.org>"), std::string::npos);
  EXPECT_NE(got[0].data.find("请于明日 9:00 前报到。"), std::string::npos);
  sink.stop();

  auto nowhere = makeSmtpMailer(
      {.url = sink.url(), .from = "linli@example.org", .timeout = std::chrono::milliseconds(500)});
  EXPECT_FALSE(nowhere->deliver({.id = 43, .to = "a@b.cn", .subject = "s", .body = "b"}).ok());
}

}  // namespace
}  // namespace linli::notify
