#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace linli::http {

namespace fs = std::filesystem;

std::string contentTypeFor(std::string_view path) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".wasm", "application/wasm"},
  };
  for (const auto& [ext, type] : kTypes)
    if (path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext)
      return std::string(type);
  return "application/octet-stream";
}

StaticFiles::StaticFiles(std::string root) {
  std::error_code ec;
  fs::path canonical = fs::canonical(root, ec);
  if (!ec && fs::is_directory(canonical, ec)) root_ = canonical.string();
}

std::optional<Response> StaticFiles::fileResponse(const std::string& full,
                                                  const std::string& rel) const {
  std::ifstream in(full, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buf;
  buf << in.rdbuf();
  Response r;
  r.content_type = contentTypeFor(full);
  r.body = buf.str();
  if (rel.rfind("assets/", 0) == 0)
    r.header("Cache-Control", "public, max-age=31536000, immutable");
  else
    r.header("Cache-Control", "no-cache");
  r.header("X-Content-Type-Options", "nosniff");
  return r;
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  if (root_.empty()) return std::nullopt;
  if (request.method != "GET" && request.method != "HEAD") return std::nullopt;
  auto decoded = percentDecode(request.path, false);
  if (!decoded) return std::nullopt;
  std::string rel = decoded->substr(1);
  // Refuse anything that could climb out of the root, encoded or not.
  if (rel.find('\0') != std::string::npos || rel.find('\\') != std::string::npos)
    return std::nullopt;
  for (const auto& part : fs::path(rel))
    if (part == "..") return std::nullopt;
  if (rel.empty()) rel = "index.html";

  std::error_code ec;
  fs::path candidate = fs::weakly_canonical(fs::path(root_) / rel, ec);
  std::string full = candidate.string();
  bool inside = !ec && full.size() > root_.size() && full.compare(0, root_.size(), root_) == 0 &&
                full[root_.size()] == '/';
  if (inside && fs::is_regular_file(candidate, ec)) return fileResponse(full, rel);

  // SPA fallback: a client-side route has no extension ("/users/3").
  std::string last = fs::path(rel).filename().string();
  if (last.find('.') == std::string::npos) return fileResponse(root_ + "/index.html", "index.html");
  return std::nullopt;
}

}  // namespace linli::http
