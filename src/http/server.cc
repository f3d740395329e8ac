#include "http/server.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cerrno>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <utility>  // must precede asio under g++ 12 in C++20 mode

#include "http/ascii.h"
#include "http/error_response.h"
#include "http/framing.h"
#include "http/later.h"
#include "http/request_id.h"
#include "http/security_headers.h"

namespace linli::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

using Parser = bhttp::request_parser<bhttp::string_body>;

std::string_view sv(beast::string_view s) { return {s.data(), s.size()}; }

// A request the server answers itself and then closes the connection on;
// status 0: the connection is closed without an answer.
struct Refusal {
  int status = 0;
  std::string_view code;
  std::string message;
};

void prepareParser(Parser& parser, const ServerOptions& options) {
  // With per-route limits the real limit is set once the header is in (checkHeader).
  // (Not boost::none: Beast 1.74 then refuses every body, even an empty one.)
  if (options.route_traits)
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  else
    parser.body_limit(options.max_body_bytes);
  parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
}

// What the header of the request being read decided.
struct HeaderFacts {
  bool answers_later = false;  // its route's handler answers later
  // The header section's fields (names lower-case), taken as soon as it is
  // in. Beast files a chunked body's trailer fields among them (each beside
  // the fields of its name), so they are taken from here, not from the
  // message: a trailer is dropped (RFC 9110 6.5.1: never merged into the
  // header), or it could add a Host, X-Forwarded-For or X-Request-Id that no
  // check and no proxy in front of us has seen.
  std::vector<std::pair<std::string, std::string>> headers;
};

// Once the header is in, before the body is read: the framing rules Beast
// leaves to us, then the route's body limit and where its handler runs.
std::optional<Refusal> checkHeader(Parser& parser, const ServerOptions& options,
                                   HeaderFacts& facts) {
  const auto& header = parser.get();
  facts = HeaderFacts{};
  for (const auto& field : header) {
    std::string name(field.name_string());
    for (auto& c : name) c = asciiLower(c);
    facts.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  std::vector<std::pair<std::string_view, std::string_view>> fields;
  for (const auto& [name, value] : facts.headers) fields.emplace_back(name, value);
  if (auto bad = checkFraming(header.version(), fields))
    return Refusal{bad->status, bad->status == 501 ? "NotImplemented" : "InvalidArgument",
                   std::move(bad->message)};
  if (!options.route_traits) return std::nullopt;
  const ServerOptions::RouteTraits traits =
      options.route_traits(sv(header.method_string()), sv(header.target()));
  facts.answers_later = traits.answers_later;
  size_t limit = traits.max_body_bytes;
  if (limit == 0) limit = options.max_body_bytes;
  parser.body_limit(limit);
  // The header said how long the body is: refuse at once, before reading it.
  if (parser.content_length() && *parser.content_length() > limit)
    return Refusal{413, "PayloadTooLarge", "request body is too large"};
  return std::nullopt;
}

Refusal refusalFor(beast::error_code ec) {
  if (ec == bhttp::error::body_limit) return {413, "PayloadTooLarge", "request body is too large"};
  if (ec == bhttp::error::header_limit)
    return {431, "HeadersTooLarge", "request headers are too large"};
  if (ec == beast::error::timeout || ec == bhttp::error::end_of_stream ||
      ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
      ec == asio::error::eof || ec == asio::error::bad_descriptor)
    return {};
  if (ec != bhttp::error::partial_message &&
      ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category())
    return {400, "InvalidArgument", "malformed HTTP request"};
  return {};
}

Request toRequest(Parser::value_type& msg, const std::string& remote, HeaderFacts& facts) {
  Request req;
  req.method = std::string(msg.method_string());
  std::string_view target = sv(msg.target());
  size_t q = target.find('?');
  req.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) req.query_string = std::string(target.substr(q + 1));
  req.headers = std::move(facts.headers);
  req.body = std::move(msg.body());
  req.remote_address = remote;
  return req;
}

class Session;

struct Worker {
  asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  std::unordered_set<Session*> sessions;  // touched only on this worker's thread
};

struct Shared {
  ServerOptions options;
  std::function<Response(Request&)> handler;
  asio::thread_pool* writers = nullptr;  // where requests that change data are handled
  std::atomic<int> connections{0};
  std::atomic<bool> draining{false};
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Worker& worker, Shared& shared)
      : stream_(std::move(socket)), worker_(worker), shared_(shared) {
    shared_.connections++;
    worker_.sessions.insert(this);
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
  }
  ~Session() {
    worker_.sessions.erase(this);
    shared_.connections--;
  }

  void start() { readRequest(); }

  // Called on drain: an idle connection is closed; one that is busy, or whose
  // request has already (partly) arrived, is answered and then closed. A
  // quarter second of grace lets a request the client has just sent arrive.
  void closeIfIdle() {
    if (busy_) return;
    auto timer = std::make_shared<asio::steady_timer>(stream_.get_executor(),
                                                      std::chrono::milliseconds(250));
    timer->async_wait(
        [self = shared_from_this(), timer](beast::error_code) { self->closeNowIfIdle(); });
  }

 private:
  void closeNowIfIdle() {
    if (busy_) return;
    beast::error_code ec;
    if (buffer_.size() > 0 || stream_.socket().available(ec) > 0) return;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
  }

  void readRequest() {
    parser_.emplace();
    facts_ = {};
    prepareParser(*parser_, shared_.options);
    stream_.expires_after(shared_.options.read_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code ec, size_t) {
                               if (ec) return self->onRead(ec);
                               self->readBody();
                             });
  }

  void readBody() {
    if (auto refusal = checkHeader(*parser_, shared_.options, facts_))
      return refuse(refusal->status, refusal->code, refusal->message);
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->onRead(ec); });
  }

  void onRead(beast::error_code ec) {
    if (ec) {
      Refusal refusal = refusalFor(ec);
      if (refusal.status == 0) return close();
      return refuse(refusal.status, refusal.code, refusal.message);
    }
    busy_ = true;
    auto& msg = parser_->get();
    Request req = toRequest(msg, remote_, facts_);
    bool keep_alive = msg.keep_alive() && !shared_.draining;
    bool head = msg.method() == bhttp::verb::head;
    unsigned version = msg.version();
    const bool reads = msg.method() == bhttp::verb::get || head;
    if (reads || facts_.answers_later || !shared_.writers) {
      Response res = shared_.handler(req);
      return respond(std::move(res), version, keep_alive, head);
    }
    // A write waits for its commit on a thread of the pool, so this io thread
    // goes on serving its other connections and more writes share one commit.
    // The guard keeps the io thread running until the answer is back on it.
    asio::post(*shared_.writers,
               [self = shared_from_this(), req = std::move(req),
                work = asio::make_work_guard(worker_.ioc), version, keep_alive, head]() mutable {
                 Response res = self->shared_.handler(req);
                 auto ex = self->stream_.get_executor();
                 asio::post(ex, [self = std::move(self), res = std::move(res),
                                 work = std::move(work), version, keep_alive, head]() mutable {
                   self->respond(std::move(res), version, keep_alive, head);
                 });
               });
  }

  // Sends the response now, or once a later one is fulfilled. The guard keeps
  // the io thread running until it has been sent.
  void respond(Response res, unsigned version, bool keep_alive, bool head) {
    if (!res.pending) return write(std::move(res), version, keep_alive, head);
    std::shared_ptr<Later> later = std::move(res.pending);
    auto work = std::make_shared<asio::executor_work_guard<asio::io_context::executor_type>>(
        worker_.ioc.get_executor());
    later->whenFulfilled([self = shared_from_this(), later, work, version, keep_alive, head] {
      asio::post(self->stream_.get_executor(), [self, later, work, version, keep_alive, head] {
        self->write(later->take(), version, keep_alive, head);
      });
    });
  }

  void write(Response res, unsigned version, bool keep_alive, bool head) {
    auto out = std::make_shared<bhttp::response<bhttp::string_body>>();
    out->version(version);
    out->result(static_cast<unsigned>(res.status));
    out->set(bhttp::field::server, "linli");
    if (!res.content_type.empty()) out->set(bhttp::field::content_type, res.content_type);
    addSecurityHeaders(res.headers, shared_.options.https);
    for (auto& [k, v] : res.headers) out->insert(k, v);
    size_t length = res.body.size();
    if (!head) out->body() = std::move(res.body);
    out->keep_alive(keep_alive);
    out->content_length(length);
    stream_.expires_after(shared_.options.read_timeout);
    bhttp::async_write(stream_, *out,
                       [self = shared_from_this(), out, keep_alive](beast::error_code ec, size_t) {
                         self->busy_ = false;
                         if (ec || !keep_alive || self->shared_.draining) return self->close();
                         self->readRequest();
                       });
  }

  // Answers an error the parser detected, then discards what the client still
  // sends (so it can read the answer) and closes.
  void refuse(int status, std::string_view code, std::string_view message) {
    busy_ = true;
    const std::string id = newRequestId();
    Response res = httpError(status, code, message, id);
    res.header("X-Request-Id", id);
    addSecurityHeaders(res.headers, shared_.options.https);
    auto out = std::make_shared<bhttp::response<bhttp::string_body>>();
    out->version(11);
    out->result(static_cast<unsigned>(status));
    out->set(bhttp::field::server, "linli");
    out->set(bhttp::field::content_type, res.content_type);
    for (auto& [k, v] : res.headers) out->insert(k, v);
    out->set(bhttp::field::connection, "close");
    out->body() = std::move(res.body);
    out->prepare_payload();
    stream_.expires_after(std::chrono::seconds(5));
    bhttp::async_write(stream_, *out,
                       [self = shared_from_this(), out](beast::error_code ec, size_t) {
                         self->busy_ = false;
                         if (ec) return self->close();
                         beast::error_code ignored;
                         self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
                         self->discardRest(0);
                       });
  }

  void discardRest(size_t so_far) {
    constexpr size_t kMaxDiscard = 64 << 20;
    if (so_far > kMaxDiscard) return close();
    stream_.expires_after(std::chrono::seconds(2));
    stream_.async_read_some(asio::buffer(scratch_),
                            [self = shared_from_this(), so_far](beast::error_code ec, size_t n) {
                              if (ec) return self->close();
                              self->discardRest(so_far + n);
                            });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Worker& worker_;
  Shared& shared_;
  std::string remote_;
  bool busy_ = false;
  HeaderFacts facts_;  // of the request being read
  std::array<char, 16384> scratch_;
};

// Lowers this thread's priority (Linux niceness is per thread) by `nice`.
void yieldToWriters(int nice) {
  if (nice <= 0) return;
  const auto tid = static_cast<id_t>(gettid());
  errno = 0;
  const int now = getpriority(PRIO_PROCESS, tid);
  if (errno == 0) setpriority(PRIO_PROCESS, tid, now + nice);
}

std::string busyResponse(bool https) {
  const std::string id = newRequestId();
  HeaderList headers;
  addSecurityHeaders(headers, https);
  std::string extra;
  for (const auto& [k, v] : headers) extra += k + ": " + v + "\r\n";
  const std::string body =
      "{\"error\":{\"code\":\"Unavailable\",\"message\":\"too many connections\","
      "\"request_id\":\"" +
      id + "\"}}";
  return "HTTP/1.1 503 Service Unavailable\r\nServer: linli\r\n"
         "Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n"
         "Retry-After: 1\r\n" +
         extra + "X-Request-Id: " + id + "\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

}  // namespace

ParsedRequest parseRequest(std::string_view bytes, const ServerOptions& options) {
  ParsedRequest out;
  Parser parser;
  prepareParser(parser, options);
  HeaderFacts facts;
  bool checked = false;
  int stalls = 0;
  while (true) {
    if (parser.is_header_done() && !checked) {
      checked = true;
      if (auto refusal = checkHeader(parser, options, facts)) {
        out.refused = refusal->status;
        return out;
      }
    }
    if (parser.is_done()) break;
    beast::error_code ec;
    const size_t n =
        parser.put(asio::buffer(bytes.data() + out.consumed, bytes.size() - out.consumed), ec);
    out.consumed += n;
    stalls = n == 0 ? stalls + 1 : 0;
    if (stalls > 2) return out;  // no progress: treat as incomplete
    if (ec == bhttp::error::need_more) {
      if (n == 0 || out.consumed == bytes.size()) return out;
      continue;
    }
    if (ec) {
      out.refused = refusalFor(ec).status;
      return out;
    }
  }
  out.complete = true;
  out.request = toRequest(parser.get(), "127.0.0.1", facts);
  return out;
}

struct Server::Impl {
  Shared shared;
  std::unique_ptr<asio::thread_pool> writers;
  std::vector<std::unique_ptr<Worker>> workers;
  uint16_t port = 0;
  std::atomic<bool> stopping{false};
  std::mutex done_mu;
  std::condition_variable done_cv;
  bool done = false;
  std::thread watchdog;

  void admit(Worker& w, tcp::socket socket) {
    beast::error_code ignored;
    if (shared.connections >= shared.options.max_connections) {
      asio::write(socket, asio::buffer(busyResponse(shared.options.https)), ignored);
      socket.shutdown(tcp::socket::shutdown_both, ignored);
      socket.close(ignored);
      return;
    }
    socket.set_option(tcp::no_delay(true), ignored);
    std::make_shared<Session>(std::move(socket), w, shared)->start();
  }

  // Takes the whole backlog at each wake-up: one accept per event-loop turn
  // starves new clients while existing connections keep the loop busy.
  void accept(Worker& w) {
    w.acceptor.async_accept([this, &w](beast::error_code ec, tcp::socket socket) {
      if (!w.acceptor.is_open()) return;
      if (!ec) {
        admit(w, std::move(socket));
        for (int i = 0; i < 256; ++i) {
          tcp::socket next(w.ioc);
          w.acceptor.accept(next, ec);
          if (ec) break;
          admit(w, std::move(next));
        }
      }
      accept(w);
    });
  }
};

Server::Server(ServerOptions options, std::function<Response(Request&)> handler)
    : impl_(std::make_unique<Impl>()) {
  if (options.threads <= 0)
    options.threads = 2 * static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (options.write_threads > 0) {
    impl_->writers = std::make_unique<asio::thread_pool>(options.write_threads);
    impl_->shared.writers = impl_->writers.get();
  }
  impl_->shared.options = std::move(options);
  impl_->shared.handler = std::move(handler);
}

Server::~Server() {
  {
    std::lock_guard lock(impl_->done_mu);
    impl_->done = true;
  }
  impl_->done_cv.notify_all();
  if (impl_->watchdog.joinable()) impl_->watchdog.join();
}

Status Server::listen() {
  const auto& o = impl_->shared.options;
  beast::error_code ec;
  auto address = asio::ip::make_address(o.host, ec);
  if (ec) return invalidArgument("listen", "bad listen address " + o.host);
  uint16_t port = o.port;
  for (int i = 0; i < o.threads; ++i) {
    auto w = std::make_unique<Worker>();
    tcp::endpoint ep(address, port);
    w->acceptor.open(ep.protocol(), ec);
    if (!ec) w->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
      w->acceptor.set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true),
                             ec);
    if (!ec) w->acceptor.bind(ep, ec);
    if (!ec) w->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (!ec) w->acceptor.non_blocking(true, ec);
    if (ec)
      return Status(Code::kUnavailable, "cannot listen on " + o.host + ":" + std::to_string(port) +
                                            ": " + ec.message());
    port = w->acceptor.local_endpoint().port();
    impl_->workers.push_back(std::move(w));
  }
  impl_->port = port;
  return Status::Ok();
}

uint16_t Server::port() const { return impl_->port; }

void Server::run() {
  for (auto& w : impl_->workers) impl_->accept(*w);
  std::vector<std::thread> threads;
  for (size_t i = 1; i < impl_->workers.size(); ++i)
    threads.emplace_back([w = impl_->workers[i].get(), nice = impl_->shared.options.io_nice] {
      yieldToWriters(nice);
      w->ioc.run();
    });
  // The calling thread serves too; its niceness is given back afterwards where
  // the process may raise priority again.
  const int was = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
  yieldToWriters(impl_->shared.options.io_nice);
  impl_->workers[0]->ioc.run();
  setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), was);
  for (auto& t : threads) t.join();
  if (impl_->writers) impl_->writers->join();
  {
    std::lock_guard lock(impl_->done_mu);
    impl_->done = true;
  }
  impl_->done_cv.notify_all();
}

void Server::shutdown() {
  if (impl_->stopping.exchange(true)) return;
  impl_->shared.draining = true;
  for (auto& w : impl_->workers) {
    asio::post(w->ioc, [impl = impl_.get(), w = w.get()] {
      beast::error_code ec;
      // Connections the kernel has already established are taken in first:
      // closing the acceptor would reset them, though their request may be sent.
      w->acceptor.non_blocking(true, ec);
      for (int i = 0; i < 4096 && !ec; ++i) {
        tcp::socket next(w->ioc);
        w->acceptor.accept(next, ec);
        if (!ec) impl->admit(*w, std::move(next));
      }
      w->acceptor.close(ec);
      std::vector<Session*> idle(w->sessions.begin(), w->sessions.end());
      for (Session* s : idle) s->closeIfIdle();
    });
  }
  // Connections that never finish get cut after the grace period.
  impl_->watchdog = std::thread([impl = impl_.get()] {
    std::unique_lock lock(impl->done_mu);
    if (!impl->done_cv.wait_for(lock, impl->shared.options.shutdown_grace,
                                [impl] { return impl->done; }))
      for (auto& w : impl->workers) w->ioc.stop();
  });
}

}  // namespace linli::http
