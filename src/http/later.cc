#include "http/later.h"

#include <utility>

namespace linli::http {

Response Response::later(std::shared_ptr<Later> later) {
  Response r;
  r.pending = std::move(later);
  return r;
}

void Later::fulfil(Make make) {
  std::function<void()> ready;
  {
    std::lock_guard lock(mu_);
    make_ = std::move(make);
    fulfilled_ = true;
    ready = std::move(ready_);
  }
  if (ready) ready();
}

void Later::finally(std::function<void(Response&)> finish) {
  std::lock_guard lock(mu_);
  finishers_.push_back(std::move(finish));
}

void Later::whenFulfilled(std::function<void()> ready) {
  {
    std::lock_guard lock(mu_);
    if (!fulfilled_) {
      ready_ = std::move(ready);
      return;
    }
  }
  ready();
}

Response Later::take() {
  Make make;
  std::vector<std::function<void(Response&)>> finishers;
  {
    std::lock_guard lock(mu_);
    make = std::move(make_);
    finishers = std::move(finishers_);
  }
  Response r = make ? make() : Response{};
  for (auto& finish : finishers) finish(r);
  return r;
}

}  // namespace linli::http
