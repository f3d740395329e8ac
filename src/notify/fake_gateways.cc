#include "notify/fake_gateways.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

namespace linli::notify {

namespace {

bool sendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Reads until `buf` holds `want` bytes or the peer closes.
bool readAtLeast(int fd, std::string& buf, size_t want) {
  char chunk[16384];
  while (buf.size() < want) {
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf.append(chunk, static_cast<size_t>(n));
  }
  return true;
}

// Reads a line ending in CRLF from `buf` (refilled from fd); false when closed.
bool readLine(int fd, std::string& buf, std::string& line) {
  for (;;) {
    const size_t end = buf.find("\r\n");
    if (end != std::string::npos) {
      line = buf.substr(0, end);
      buf.erase(0, end + 2);
      return true;
    }
    if (!readAtLeast(fd, buf, buf.size() + 1)) return false;
  }
}

void appendLine(const std::string& path, const nlohmann::json& j) {
  if (path.empty()) return;
  std::ofstream out(path, std::ios::app);
  out << j.dump() << "\n";
}

}  // namespace

LocalListener::~LocalListener() = default;

Status LocalListener::start(uint16_t port) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 128) != 0) {
    ::close(listen_fd_);
    listen_fd_ = -1;
    return Status(Code::kUnavailable, "cannot listen on 127.0.0.1:" + std::to_string(port));
  }
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] {
    while (!stopping_) {
      const int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) {
        if (stopping_) return;
        continue;
      }
      std::lock_guard lock(mu_);
      open_.push_back(fd);
      connections_.emplace_back([this, fd] {
        serve(fd);
        std::lock_guard lock(mu_);
        for (auto& o : open_)
          if (o == fd) o = -1;
        ::close(fd);
      });
    }
  });
  return Status::Ok();
}

void LocalListener::stop() {
  if (listen_fd_ < 0 || stopping_.exchange(true)) return;
  ::shutdown(listen_fd_, SHUT_RDWR);
  ::close(listen_fd_);
  if (acceptor_.joinable()) acceptor_.join();
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mu_);
    for (int fd : open_)
      if (fd >= 0) ::shutdown(fd, SHUT_RDWR);
    threads.swap(connections_);
  }
  for (auto& t : threads) t.join();
}

void FakeSmsGateway::misbehave(Misbehave how, int times, int late_ms) {
  std::lock_guard lock(mu_);
  how_ = how;
  times_ = times;
  late_ms_ = late_ms;
}

std::vector<FakeSms> FakeSmsGateway::delivered() const {
  std::lock_guard lock(mu_);
  return delivered_;
}

void FakeSmsGateway::serve(int fd) {
  std::string buf;
  for (;;) {  // keep-alive: one request after another
    size_t head_end;
    while ((head_end = buf.find("\r\n\r\n")) == std::string::npos)
      if (!readAtLeast(fd, buf, buf.size() + 1)) return;
    std::string head = buf.substr(0, head_end);
    for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    size_t length = 0;
    if (auto at = head.find("content-length:"); at != std::string::npos)
      length = std::stoul(head.substr(at + 15));
    if (!readAtLeast(fd, buf, head_end + 4 + length)) return;
    const std::string body = buf.substr(head_end + 4, length);
    buf.erase(0, head_end + 4 + length);
    ++requests_;

    Misbehave how = Misbehave::kNone;
    int late_ms = 0;
    {
      std::lock_guard lock(mu_);
      if (times_ > 0) {
        how = how_;
        late_ms = late_ms_;
        --times_;
      }
    }
    if (how == Misbehave::kDrop) return;  // no answer; the connection closes
    if (how == Misbehave::kError500) {
      if (!sendAll(fd, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n")) return;
      continue;
    }
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.contains("id") || !j.contains("to") || !j.contains("text")) {
      if (!sendAll(fd, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")) return;
      continue;
    }
    {
      std::lock_guard lock(mu_);
      delivered_.push_back(
          {j["id"].get<std::string>(), j["to"].get<std::string>(), j["text"].get<std::string>()});
      appendLine(path_, j);
    }
    if (how == Misbehave::kLateAnswer) {
      std::this_thread::sleep_for(std::chrono::milliseconds(late_ms));
      return;  // accepted, but the sender gave up waiting
    }
    if (!sendAll(fd,
                 "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                 "15\r\n\r\n{\"status\":\"ok\"}"))
      return;
  }
}

std::vector<FakeMail> FakeSmtpSink::received() const {
  std::lock_guard lock(mu_);
  return received_;
}

void FakeSmtpSink::serve(int fd) {
  std::string buf, line;
  FakeMail mail;
  if (!sendAll(fd, "220 linli fake smtp\r\n")) return;
  while (readLine(fd, buf, line)) {
    std::string verb = line.substr(0, line.find(' '));
    for (auto& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto arg = [&] {
      const auto open = line.find('<'), close = line.find('>');
      return open == std::string::npos || close == std::string::npos
                 ? std::string()
                 : line.substr(open + 1, close - open - 1);
    };
    if (verb == "EHLO" || verb == "HELO") {
      if (!sendAll(fd, "250 linli\r\n")) return;
    } else if (verb == "MAIL") {
      mail = FakeMail{};
      mail.from = arg();
      if (!sendAll(fd, "250 OK\r\n")) return;
    } else if (verb == "RCPT") {
      mail.to.push_back(arg());
      if (!sendAll(fd, "250 OK\r\n")) return;
    } else if (verb == "DATA") {
      if (!sendAll(fd, "354 go ahead\r\n")) return;
      std::string data;
      while (readLine(fd, buf, line) && line != ".")
        data += (line.rfind("..", 0) == 0 ? line.substr(1) : line) + "\r\n";
      mail.data = data;
      {
        std::lock_guard lock(mu_);
        received_.push_back(mail);
        appendLine(path_, {{"from", mail.from}, {"to", mail.to}, {"data", mail.data}});
      }
      if (!sendAll(fd, "250 OK queued\r\n")) return;
    } else if (verb == "QUIT") {
      sendAll(fd, "221 bye\r\n");
      return;
    } else if (verb == "RSET" || verb == "NOOP") {
      if (!sendAll(fd, "250 OK\r\n")) return;
    } else {
      if (!sendAll(fd, "502 not implemented\r\n")) return;
    }
  }
}

}  // namespace linli::notify
