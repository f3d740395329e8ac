#include "bench/bench_server.h"

#include "app/serve.h"

namespace linli::bench {

BenchServer::BenchServer(app::App& app, int threads) {
  app::registerAllRoutes(router_, app, "bench");
  pipeline_ = std::make_unique<http::Pipeline>(router_, files_, app.auth);
  http::ServerOptions so;
  so.port = 0;
  so.threads = threads;
  so.max_connections = 5000;
  app::useRouteTraits(so, router_);
  server_ =
      std::make_unique<http::Server>(so, [this](http::Request& r) { return pipeline_->handle(r); });
}

Status BenchServer::start() {
  LINLI_TRY(server_->listen());
  serving_ = std::thread([this] { server_->run(); });
  return Status::Ok();
}

BenchServer::~BenchServer() {
  server_->shutdown();
  if (serving_.joinable()) serving_.join();
}

}  // namespace linli::bench
