#include "demo/demo.h"

namespace linli::demo {

class DemoModule final : public module::Module {
 public:
  DemoModule(const module::Base& base, registry::Registry& registry, auth::AuthService& auth,
             requests::RequestService& requests)
      : base_(base), registry_(registry), auth_(auth), requests_(requests) {}
  Status seedDemo(const module::DemoSize& size) override {
    LINLI_ASSIGN_OR_RETURN(bool has_users, auth_.hasUsers());
    if (has_users) return Status::Ok();
    // --demo-requests 0 asks for no requests at all, live or past.
    LINLI_ASSIGN_OR_RETURN(street.loaded_,
                           loadDemo(base_.db, registry_, auth_, base_.clock, size.residents,
                                    &requests_, size.requests, size.requests > 0));
    return Status::Ok();
  }
  DemoStreet street;

 private:
  module::Base base_;
  registry::Registry& registry_;
  auth::AuthService& auth_;
  requests::RequestService& requests_;
};

module::RoomDef room() {
  return module::room<DemoStreet, registry::Registry, auth::AuthService, requests::RequestService>(
      "demo", nullptr,
      [](const module::Base& base, registry::Registry& registry, auth::AuthService& auth,
         requests::RequestService& requests) {
        auto m = std::make_unique<DemoModule>(base, registry, auth, requests);
        DemoStreet* door = &m->street;
        return std::pair{std::move(m), door};
      });
}

}  // namespace linli::demo
