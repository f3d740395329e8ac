// Server: HTTP/1.1 over Boost.Beast. One io_context and acceptor per thread
// (SO_REUSEPORT), keep-alive, and hard limits with clear answers: body over
// max_body_bytes → 413 as soon as the header says so (the rest is discarded,
// never buffered), header over max_header_bytes → 431, a request not fully
// read within read_timeout → the connection is cut, more than
// max_connections open → 503 and close. A request whose framing RFC 9112 does
// not allow (http/framing.h: Host, Transfer-Encoding) → 400 or 501 and close.
// Every response carries the security headers of http/security_headers.h.
// shutdown() stops accepting, lets
// in-flight requests finish and closes idle connections; run() then returns.
// Reads and handlers that answer later run on the io thread that read the
// request, other writes on the write pool; a later answer is sent from the
// io thread once it is fulfilled.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "http/request.h"

namespace linli::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port
  int threads = 0;       // io threads; 0: two per core
  // Requests other than GET, HEAD and routes that answer later are handled on
  // a pool of this many threads: they block until their write is durable, and
  // many blocked together share one group commit. Twice the writers expected
  // at once: a thread that has just answered is not back in the pool when its
  // client's next request comes (measured when filing still ran here, 64
  // clients: 64 threads 4,200–4,900/s, 128 4,800–5,000/s). 0: on the io threads.
  int write_threads = 128;
  // Niceness added to the io threads (Linux niceness is per thread). They then
  // yield the CPU to the database's committer, the one serial stage every
  // write waits on, which otherwise lost a third of its time to them when
  // both cores were busy (request filing ~9,000/s → ~11,000/s at 5). Reads
  // among themselves are unaffected. 0: off.
  int io_nice = 5;
  size_t max_body_bytes = 1 << 20;
  size_t max_header_bytes = 16 << 10;
  std::chrono::milliseconds read_timeout{30000};
  int max_connections = 10000;
  std::chrono::milliseconds shutdown_grace{10000};
  // Clients reach this server over HTTPS (a TLS proxy in front: --public-url
  // https://…): responses add Strict-Transport-Security, cookies are Secure.
  bool https = false;
  // What the server needs to know of a request's route, decided from the
  // method and target once the header is in: a larger (or smaller) body limit
  // (0: max_body_bytes), and whether its handler answers later (http/later.h),
  // so it runs on the io thread and never holds a pool thread.
  struct RouteTraits {
    size_t max_body_bytes = 0;
    bool answers_later = false;
  };
  std::function<RouteTraits(std::string_view method, std::string_view target)> route_traits;
};

// What a connection makes of `bytes` as the next request on it, without a
// socket (the same parser, limits and framing checks): the request the
// handler would get, or the status it would be refused with. For the fuzzer.
struct ParsedRequest {
  int refused = 0;        // 400, 413, 431 or 501: answered so and closed; 0: not refused
  bool complete = false;  // a whole request was read (then `request` is it)
  size_t consumed = 0;    // bytes of `bytes` it took
  Request request;
};
ParsedRequest parseRequest(std::string_view bytes, const ServerOptions& options);

class Server {
 public:
  Server(ServerOptions options, std::function<Response(Request&)> handler);
  ~Server();
  Status listen();
  uint16_t port() const;
  void run();
  void shutdown();  // thread-safe, idempotent

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace linli::http
