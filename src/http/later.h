// Later: a response that is not ready when its handler returns. A handler
// that would otherwise hold a thread while it waits (for a commit to reach the
// disk) returns Response::later(l) at once and, from any thread, calls
// l->fulfil(make) when it can; the server then runs `make` on the
// connection's own thread and sends what it builds. The pipeline adds its
// finishing touches (request id, metrics, access log) with finally().
//
// Order: the handler side calls fulfil() once; the pipeline calls finally()
// before the server calls whenFulfilled(); take() only after `ready` ran.
#pragma once

#include <functional>
#include <mutex>
#include <vector>

#include "http/request.h"

namespace linli::http {

class Later {
 public:
  using Make = std::function<Response()>;

  void fulfil(Make make);
  void finally(std::function<void(Response&)> finish);
  // `ready` runs on the thread that fulfils, or at once if that has happened.
  void whenFulfilled(std::function<void()> ready);
  Response take();

 private:
  std::mutex mu_;
  Make make_;
  bool fulfilled_ = false;
  std::function<void()> ready_;
  std::vector<std::function<void(Response&)>> finishers_;
};

}  // namespace linli::http
