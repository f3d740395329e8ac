#include "http/framing.h"

#include <gtest/gtest.h>

#include "http/server.h"

namespace linli::http {
namespace {

using Fields = std::vector<std::pair<std::string_view, std::string_view>>;

int statusOf(unsigned version, const Fields& fields) {
  auto bad = checkFraming(version, fields);
  return bad ? bad->status : 0;
}

TEST(FramingTest, ExactlyOneValidHost) {
  EXPECT_EQ(statusOf(11, {{"Host", "example.org"}}), 0);
  EXPECT_EQ(statusOf(11, {{"host", "127.0.0.1:8080"}}), 0);
  EXPECT_EQ(statusOf(11, {{"Host", "[::1]:8080"}}), 0);
  EXPECT_EQ(statusOf(11, {}), 400);
  EXPECT_EQ(statusOf(11, {{"Host", "a"}, {"HOST", "a"}}), 400);
  EXPECT_EQ(statusOf(11, {{"Host", "a b"}}), 400);
  EXPECT_EQ(statusOf(11, {{"Host", "a/b"}}), 400);
  EXPECT_EQ(statusOf(11, {{"Host", "user@a"}}), 400);
  EXPECT_EQ(statusOf(11, {{"Host", "a:80x"}}), 400);
  EXPECT_EQ(statusOf(11, {{"Host", "[::1"}}), 400);
  // HTTP/1.0 may leave Host out, but not send two.
  EXPECT_EQ(statusOf(10, {}), 0);
  EXPECT_EQ(statusOf(10, {{"Host", "a"}, {"Host", "b"}}), 400);
}

TEST(FramingTest, OnlyChunkedAsTheFinalCoding) {
  EXPECT_EQ(statusOf(11, {{"Host", "a"}, {"Transfer-Encoding", "chunked"}}), 0);
  EXPECT_EQ(statusOf(11, {{"Host", "a"}, {"Transfer-Encoding", "CHUNKED"}}), 0);
  EXPECT_EQ(statusOf(11, {{"Host", "a"}, {"Transfer-Encoding", " chunked , "}}), 0);
  EXPECT_EQ(statusOf(11, {{"Host", "a"}, {"Transfer-Encoding", "xchunked"}}), 400);
  EXPECT_EQ(statusOf(11, {{"Host", "a"}, {"Transfer-Encoding", "\"chunked\""}}), 400);
  EXPECT_EQ(statusOf(11, {{"Host", "a"}, {"Transfer-Encoding", "identity"}}), 400);
  EXPECT_EQ(statusOf(11, {{"Host", "a"}, {"Transfer-Encoding", "chunked, gzip"}}), 400);
  EXPECT_EQ(statusOf(11, {{"Host", "a"}, {"Transfer-Encoding", "chunked, chunked"}}), 400);
  EXPECT_EQ(statusOf(11, {{"Host", "a"}, {"Transfer-Encoding", "chunked;x=1"}}), 400);
  EXPECT_EQ(statusOf(11, {{"Host", "a"}, {"Transfer-Encoding", ""}}), 400);
  EXPECT_EQ(
      statusOf(11,
               {{"Host", "a"}, {"Transfer-Encoding", "gzip"}, {"Transfer-Encoding", "chunked"}}),
      501);
  EXPECT_EQ(statusOf(11, {{"Host", "a"}, {"Transfer-Encoding", "gzip, chunked"}}), 501);
  EXPECT_EQ(statusOf(11, {{"Host", "a"}, {"Transfer-Encoding", "x;q=\"1\", chunked"}}), 501);
  EXPECT_EQ(statusOf(11, {{"Host", "a"}, {"Transfer-Encoding", "x;q, chunked"}}), 400);
}

TEST(FramingTest, NoTransferEncodingBesideContentLengthOrInHttp10) {
  EXPECT_EQ(statusOf(11, {{"Host", "a"}, {"Content-Length", "5"}}), 0);
  EXPECT_EQ(
      statusOf(11, {{"Host", "a"}, {"Transfer-Encoding", "chunked"}, {"Content-Length", "5"}}),
      400);
  EXPECT_EQ(
      statusOf(11, {{"Host", "a"}, {"Transfer-Encoding", "identity"}, {"Content-Length", "5"}}),
      400);
  EXPECT_EQ(
      statusOf(11, {{"Host", "a"}, {"Content-Length", "5"}, {"Transfer-Encoding", "xchunked"}}),
      400);
  EXPECT_EQ(statusOf(10, {{"Transfer-Encoding", "chunked"}}), 400);
}

// The server's own parser: Beast's checks and ours, in the order a connection meets them.
TEST(FramingTest, ParseRequestAsAConnectionDoes) {
  ServerOptions options;
  auto parse = [&](std::string_view bytes) { return parseRequest(bytes, options); };
  auto ok = parse("POST /a?b=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET");
  ASSERT_TRUE(ok.complete);
  EXPECT_EQ(ok.refused, 0);
  EXPECT_EQ(ok.request.path, "/a");
  EXPECT_EQ(ok.request.query_string, "b=1");
  EXPECT_EQ(ok.request.body, "abc");
  EXPECT_EQ(ok.consumed, ok.consumed);
  EXPECT_EQ(
      std::string_view("POST /a?b=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc").size(),
      ok.consumed);
  auto chunked = parse(
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
  ASSERT_TRUE(chunked.complete);
  EXPECT_EQ(chunked.request.body, "abc");
  EXPECT_EQ(parse("GET / HTTP/1.1\r\n\r\n").refused, 400);
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n").refused, 400);
  EXPECT_EQ(parse("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\nContent-Length: "
                  "3\r\n\r\nabc")
                .refused,
            400);
  EXPECT_EQ(parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: "
                  "chunked\r\n\r\nabc")
                .refused,
            400);
  EXPECT_EQ(parse("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n").refused,
            501);
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost: a\r\n").refused, 0);  // incomplete: waits for more
  EXPECT_FALSE(parse("GET / HTTP/1.1\r\nHost: a\r\n").complete);
  options.max_body_bytes = 2;
  EXPECT_EQ(parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc").refused, 413);
}

// Found by the fuzzer: Beast appends trailer fields to the header's list, so a
// trailer could add a second Host, an X-Forwarded-For or an X-Request-Id after
// every check. They are dropped.
TEST(FramingTest, TrailerFieldsNeverJoinTheHeader) {
  ServerOptions options;
  auto parsed = parseRequest(
      "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n"
      "Host: evil\r\nX-Forwarded-For: 203.0.113.1\r\nX-Request-Id: trailer\r\n\r\n",
      options);
  ASSERT_TRUE(parsed.complete);
  EXPECT_EQ(parsed.request.body, "x");
  EXPECT_EQ(parsed.request.headers.size(), 2u);
  EXPECT_EQ(parsed.request.header("host"), "a");
  EXPECT_EQ(parsed.request.header("x-forwarded-for"), "");
  EXPECT_EQ(parsed.request.header("x-request-id"), "");
  // A trailer field sharing a header's name is filed beside it by Beast.
  auto beside = parseRequest(
      "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nX-Last: 1\r\n\r\n0\r\n"
      "Host: evil\r\n\r\n",
      options);
  ASSERT_TRUE(beside.complete);
  ASSERT_EQ(beside.request.headers.size(), 3u);
  EXPECT_EQ(beside.request.headers[1].first, "transfer-encoding");
  for (const auto& [name, value] : beside.request.headers) EXPECT_NE(value, "evil");
}

// What Beast already refuses or repairs, checked so a Beast upgrade cannot loosen it unseen.
TEST(FramingTest, BeastsOwnRulesHold) {
  ServerOptions options;
  auto refused = [&](std::string_view bytes) { return parseRequest(bytes, options).refused; };
  EXPECT_EQ(refused("GET / HTTP/1.1\r\nHost : a\r\n\r\n"), 400);  // space before the colon
  EXPECT_EQ(refused("GET / HTTP/1.1\nHost: a\n\n"), 400);         // bare LF
  EXPECT_EQ(
      refused("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"),
      400);
  EXPECT_EQ(refused("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +1\r\n\r\na"), 400);
  EXPECT_EQ(
      refused("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n"),
      400);
  EXPECT_EQ(refused("GET / HTTP/2.0\r\nHost: a\r\n\r\n"), 400);
  // obs-fold is replaced by a space (RFC 9112 5.2)
  auto folded = parseRequest("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n", options);
  ASSERT_TRUE(folded.complete);
  EXPECT_EQ(folded.request.header("x-a"), "b c");
}

}  // namespace
}  // namespace linli::http
