#include "http/client_address.h"

#include <gtest/gtest.h>

namespace linli::http {
namespace {

TrustedProxies proxies(std::vector<std::string> entries) {
  auto p = TrustedProxies::parse(entries);
  EXPECT_TRUE(p.ok()) << p.status().toString();
  return p.ok() ? *p : TrustedProxies{};
}

TEST(ClientAddress, WithoutTrustedProxiesForwardedForIsIgnored) {
  EXPECT_EQ(clientAddress("127.0.0.1", "203.0.113.7", TrustedProxies{}), "127.0.0.1");
}

TEST(ClientAddress, OnlyATrustedPeerMayNameTheClient) {
  auto p = proxies({"10.0.0.0/8"});
  EXPECT_EQ(clientAddress("10.1.2.3", "203.0.113.7", p), "203.0.113.7");
  EXPECT_EQ(clientAddress("192.0.2.1", "203.0.113.7", p), "192.0.2.1");
}

TEST(ClientAddress, TakesTheRightMostAddressThatIsNotAProxy) {
  auto p = proxies({"10.0.0.0/8", "fd00::/8"});
  // The client wrote "1.1.1.1" itself; the outer proxy saw 203.0.113.7; an inner proxy 10.2.0.1.
  EXPECT_EQ(clientAddress("10.0.0.5", "1.1.1.1, 203.0.113.7, 10.2.0.1", p), "203.0.113.7");
  EXPECT_EQ(clientAddress("10.0.0.5", "10.9.9.9", p), "10.9.9.9");  // all proxies: the left-most
  EXPECT_EQ(clientAddress("10.0.0.5", "", p), "10.0.0.5");
  EXPECT_EQ(clientAddress("10.0.0.5", "garbage, 203.0.113.7", p), "203.0.113.7");
  EXPECT_EQ(clientAddress("10.0.0.5", "203.0.113.7, garbage", p), "10.0.0.5");
  EXPECT_EQ(clientAddress("fd00::1", "2001:db8::5", p), "2001:db8::5");
  EXPECT_EQ(clientAddress("10.0.0.5", "[2001:db8::5]:443", p), "2001:db8::5");
  EXPECT_EQ(clientAddress("10.0.0.5", "203.0.113.7:5555", p), "203.0.113.7");
}

TEST(ClientAddress, MappedAddressesAreIPv4) {
  auto p = proxies({"127.0.0.1"});
  EXPECT_EQ(clientAddress("::ffff:127.0.0.1", "198.51.100.2", p), "198.51.100.2");
  EXPECT_EQ(clientAddress("::ffff:192.0.2.9", "198.51.100.2", p), "192.0.2.9");
}

TEST(ClientAddress, BadCidrsAreRefused) {
  EXPECT_FALSE(TrustedProxies::parse({"10.0.0.0/33"}).ok());
  EXPECT_FALSE(TrustedProxies::parse({"example.com"}).ok());
  EXPECT_FALSE(TrustedProxies::parse({"10.0.0.0/x"}).ok());
  EXPECT_TRUE(TrustedProxies::parse({"10.0.0.0/8, 172.16.0.0/12"}).ok());
}

}  // namespace
}  // namespace linli::http
