#include "http/static_files.h"

#include <gtest/gtest.h>

#include <fstream>

#include "testing/temp_dir.h"

namespace linli::http {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_.path() + "/web/assets");
    write(dir_.path() + "/web/index.html", "<html>index</html>");
    write(dir_.path() + "/web/assets/app-1234.js", "console.log(1)");
    write(dir_.path() + "/secret.key", "SECRET");
  }
  static void write(const std::string& path, const std::string& text) {
    std::ofstream(path) << text;
  }
  std::optional<Response> get(const std::string& path) {
    StaticFiles files(dir_.path() + "/web");
    Request req;
    req.method = "GET";
    req.path = path;
    return files.serve(req);
  }
  testing::TempDir dir_;
};

TEST_F(StaticFilesTest, ServesAssetsWithTypesAndLongCache) {
  auto r = get("/assets/app-1234.js");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "console.log(1)");
  EXPECT_EQ(r->content_type, "text/javascript; charset=utf-8");
  bool immutable = false;
  for (auto& [k, v] : r->headers)
    immutable |= k == "Cache-Control" && v.find("immutable") != std::string::npos;
  EXPECT_TRUE(immutable);
}

TEST_F(StaticFilesTest, IndexIsRevalidated) {
  auto r = get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "<html>index</html>");
  EXPECT_EQ(r->headers.front().second, "no-cache");
}

TEST_F(StaticFilesTest, SpaFallbackForRoutesWithoutExtension) {
  auto r = get("/users/3");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "<html>index</html>");
  EXPECT_FALSE(get("/assets/missing.js"));
}

TEST_F(StaticFilesTest, RefusesTraversalEncodedOrNot) {
  for (const char* path :
       {"/../secret.key", "/%2e%2e/secret.key", "/assets/..%2f..%2fsecret.key",
        "/%2E%2E%2Fsecret.key", "/..\\secret.key", "/assets/%00x.js", "/%252e%252e/secret.key"}) {
    auto r = get(path);
    if (r) {
      EXPECT_EQ(r->body, "<html>index</html>") << path;  // never the secret
      EXPECT_EQ(r->body.find("SECRET"), std::string::npos) << path;
    }
  }
}

TEST_F(StaticFilesTest, RefusesSymlinkOutOfRoot) {
  std::filesystem::create_symlink(dir_.path() + "/secret.key", dir_.path() + "/web/leak.txt");
  EXPECT_FALSE(get("/leak.txt"));
}

}  // namespace
}  // namespace linli::http
