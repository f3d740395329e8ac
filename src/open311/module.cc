#include "open311/open311.h"

namespace linli::open311 {

namespace {
class Open311Module final : public module::Module {
 public:
  Open311Module(requests::RequestService& requests, Options options)
      : requests_(requests), options_(std::move(options)) {}
  void addRoutes(http::Router& router) override { registerRoutes(router, requests_, options_); }
  Door door;

 private:
  requests::RequestService& requests_;
  Options options_;
};
}  // namespace

module::RoomDef room(const Options& options) {
  return module::room<Door, requests::RequestService>(
      "open311", nullptr, [options](const module::Base&, requests::RequestService& requests) {
        auto m = std::make_unique<Open311Module>(requests, options);
        Door* door = &m->door;
        return std::pair{std::move(m), door};
      });
}

}  // namespace linli::open311
