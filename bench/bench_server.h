// BenchServer: a real linli HTTP server on a loopback port inside the
// benchmark process (every route of `serve`, the app's authenticator), for
// benchmarks that drive it with the load generator.
#pragma once

#include <memory>
#include <thread>

#include "app/app.h"
#include "common/result.h"
#include "http/pipeline.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static_files.h"

namespace linli::bench {

class BenchServer {
 public:
  BenchServer(app::App& app, int threads);
  ~BenchServer();
  Status start();
  uint16_t port() const { return server_->port(); }

 private:
  http::Router router_;
  http::StaticFiles files_{""};
  std::unique_ptr<http::Pipeline> pipeline_;
  std::unique_ptr<http::Server> server_;
  std::thread serving_;
};

}  // namespace linli::bench
