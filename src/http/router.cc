#include "http/router.h"

namespace linli::http {

namespace {

std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool isParam(const std::string& seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

}  // namespace

void Router::add(RouteInfo info, Handler handler) {
  Route r{std::move(info), std::move(handler), {}};
  r.segments = split(r.info.pattern);
  routes_.push_back(std::move(r));
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match m;
  if (path.empty() || path.front() != '/') return m;
  std::vector<std::string> parts = split(path);
  for (const Route& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < parts.size() && ok; ++i) {
      const std::string& seg = route.segments[i];
      if (isParam(seg)) {
        auto decoded = percentDecode(parts[i], false);
        if (!decoded || decoded->empty())
          ok = false;
        else
          params[seg.substr(1, seg.size() - 2)] = *decoded;
      } else {
        ok = seg == parts[i];
      }
    }
    if (!ok) continue;
    m.path_known = true;
    m.allowed_methods.push_back(route.info.method);
    // A literal segment beats a parameter: /requests/updates is not /requests/{id}.
    if (route.info.method == method && (!m.route || params.size() < m.params.size())) {
      m.route = &route;
      m.params = std::move(params);
    }
  }
  return m;
}

}  // namespace linli::http
