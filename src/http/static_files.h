// Serves the web build (index.html + hashed assets) from one directory.
// Paths are percent-decoded and refused if they contain "..", backslashes, NUL
// or resolve outside the root (symlinks included). Hashed files under assets/
// are cached for a year; index.html is revalidated. Unknown paths without a
// file extension fall back to index.html (single-page app routes).
#pragma once

#include <optional>
#include <string>

#include "http/request.h"

namespace linli::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);
  // nullopt when the root has no such file and no fallback applies.
  std::optional<Response> serve(const Request& request) const;
  bool available() const { return !root_.empty(); }

 private:
  std::optional<Response> fileResponse(const std::string& full, const std::string& rel) const;
  std::string root_;  // canonical, no trailing slash; empty if missing
};

std::string contentTypeFor(std::string_view path);

}  // namespace linli::http
