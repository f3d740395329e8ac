#include "bench/load_generator.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

namespace linli::bench {

namespace {

using SteadyClock = std::chrono::steady_clock;

struct Conn {
  int fd = -1;
  size_t sent = 0;
  std::string in;
  SteadyClock::time_point started;
  uint64_t done = 0;
};

int connectTo(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Returns the length of one complete response at the start of `in`, 0 if incomplete.
size_t completeResponse(const std::string& in, int& status) {
  size_t end = in.find("\r\n\r\n");
  if (end == std::string::npos) return 0;
  status = in.size() > 12 ? std::atoi(in.c_str() + 9) : 0;
  size_t length = 0;
  size_t pos = 0;
  while ((pos = in.find('\n', pos)) != std::string::npos && pos < end) {
    ++pos;
    if (strncasecmp(in.c_str() + pos, "content-length:", 15) == 0) {
      length = std::strtoul(in.c_str() + pos + 15, nullptr, 10);
      break;
    }
  }
  size_t total = end + 4 + length;
  return in.size() >= total ? total : 0;
}

}  // namespace

LoadResult runLoad(uint16_t port, const std::string& request, int connections, double seconds) {
  int ep = epoll_create1(EPOLL_CLOEXEC);
  std::vector<Conn> conns(connections);
  std::vector<double> latencies;
  latencies.reserve(1 << 20);
  LoadResult result;
  auto start_request = [&](Conn& c) {
    c.sent = 0;
    c.in.clear();
    c.started = SteadyClock::now();
    ssize_t n = ::send(c.fd, request.data(), request.size(), MSG_NOSIGNAL);
    if (n > 0) c.sent = static_cast<size_t>(n);
  };
  for (int i = 0; i < connections; ++i) {
    conns[i].fd = connectTo(port);
    if (conns[i].fd < 0) ++result.errors;
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT;
    ev.data.u32 = static_cast<uint32_t>(i);
    if (conns[i].fd >= 0) epoll_ctl(ep, EPOLL_CTL_ADD, conns[i].fd, &ev);
  }
  const auto t0 = SteadyClock::now();
  const auto deadline = t0 + std::chrono::duration<double>(seconds);
  std::vector<epoll_event> events(1024);
  char buf[65536];
  std::vector<bool> started(connections, false);
  while (SteadyClock::now() < deadline) {
    int n = epoll_wait(ep, events.data(), static_cast<int>(events.size()), 50);
    for (int e = 0; e < n; ++e) {
      Conn& c = conns[events[e].data.u32];
      if (c.fd < 0) continue;
      if (!started[events[e].data.u32] && (events[e].events & EPOLLOUT)) {
        started[events[e].data.u32] = true;
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u32 = events[e].data.u32;
        epoll_ctl(ep, EPOLL_CTL_MOD, c.fd, &ev);
        start_request(c);
        continue;
      }
      if (events[e].events & (EPOLLERR | EPOLLHUP)) {
        ++result.errors;
        epoll_ctl(ep, EPOLL_CTL_DEL, c.fd, nullptr);
        ::close(c.fd);
        c.fd = -1;
        continue;
      }
      // One read per readiness event: draining until EAGAIN doubles the system calls.
      ssize_t got = ::recv(c.fd, buf, sizeof buf, 0);
      if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) {  // closed by the server
        ++result.errors;
        epoll_ctl(ep, EPOLL_CTL_DEL, c.fd, nullptr);
        ::close(c.fd);
        c.fd = -1;
        continue;
      }
      if (got > 0) c.in.append(buf, static_cast<size_t>(got));
      int status = 0;
      size_t len = completeResponse(c.in, status);
      if (len == 0) continue;
      std::chrono::duration<double, std::milli> took = SteadyClock::now() - c.started;
      // Only 2xx answers count as served: a fast 429 or 500 is not throughput.
      if (status < 200 || status >= 300 || c.sent < request.size()) {
        ++result.errors;
      } else {
        latencies.push_back(took.count());
        ++c.done;
      }
      start_request(c);
    }
  }
  std::chrono::duration<double> elapsed = SteadyClock::now() - t0;
  for (Conn& c : conns) {
    if (c.fd >= 0) ::close(c.fd);
    if (c.done == 0) ++result.starved_connections;
  }
  ::close(ep);
  result.completed = latencies.size();
  result.requests_per_s = latencies.size() / elapsed.count();
  if (!latencies.empty()) {
    std::sort(latencies.begin(), latencies.end());
    result.p50_ms = latencies[latencies.size() / 2];
    result.p95_ms = latencies[std::min(latencies.size() - 1, latencies.size() * 95 / 100)];
    result.p99_ms = latencies[std::min(latencies.size() - 1, latencies.size() * 99 / 100)];
  }
  return result;
}

}  // namespace linli::bench
