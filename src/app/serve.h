// `linli serve`: builds the router from every module's routes, registers
// their jobs, optionally loads demo data into an empty database, and serves
// until SIGTERM/SIGINT (in-flight requests finish, then exit 0).
#pragma once

#include <string>
#include <vector>

#include "app/app.h"
#include "http/server.h"

namespace linli::app {

// Where SMS and email go. Empty URLs: with --demo, local fakes are started
// (they record to DATA_DIR/fake-sms.jsonl and fake-mail.jsonl); otherwise
// those channels are off and such messages wait in the outbox.
struct NotifyOptions {
  std::string sms_url, sms_token;
  std::string smtp_url, smtp_from = "linli@localhost", smtp_username, smtp_password;
};

struct ServeOptions {
  AppOptions app;
  http::ServerOptions server;
  std::string web_dir = "./web/dist";
  bool demo = false;
  int64_t demo_residents = 3000;
  int64_t demo_requests = 0;
  std::string log_level = "info";
  // The address users reach linli at (shown at start). An https:// one means
  // a TLS proxy is in front: cookies become Secure and HSTS is sent.
  std::string public_url;
  // With a token, GET /metrics answers only requests bearing it; without,
  // only loopback clients (http/operator_access.h).
  std::string metrics_token;
  NotifyOptions notify;
  // Tests: the clock starts at this ISO 8601 time (empty: now) and, with
  // test_clock, may be moved forward over HTTP (app/test_clock.h).
  std::string clock_start;
  bool test_clock = false;
  // Reverse proxies (CIDR) whose X-Forwarded-For names the client (http/client_address.h).
  std::vector<std::string> trusted_proxies;
};

int runServe(ServeOptions options);

// Builds the full route table for `app` (used by serve and the benchmark).
void registerAllRoutes(http::Router& router, App& app, const std::string& version,
                       const std::string& metrics_token = "");
// Lets the server ask `router` (which must outlive it) for each request's
// body limit and whether its handler answers later.
void useRouteTraits(http::ServerOptions& options, const http::Router& router);

}  // namespace linli::app
