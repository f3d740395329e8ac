#include "app/config_file.h"

#include <gtest/gtest.h>

#include <fstream>

#include "testing/temp_dir.h"

namespace linli::app {
namespace {

TEST(ConfigFile, FileFillsOnlyWhatFlagsAndEnvironmentLeaveOpen) {
  testing::TempDir dir;
  std::string path = dir.path() + "/linli.conf";
  std::ofstream(path) << "# linli\n[serve]\nlisten = \"0.0.0.0:9000\"\ndata_dir = /srv/linli\n"
                         "threads = 4\ndemo = true\nmax-connections = 50\n";
  setenv("LINLI_THREADS", "2", 1);
  auto args = expandConfigFile({"serve", "--config", path, "--data-dir", "/tmp/x"});
  unsetenv("LINLI_THREADS");
  ASSERT_TRUE(args.ok()) << args.status().toString();
  EXPECT_EQ(*args,
            (std::vector<std::string>{"serve", "--data-dir", "/tmp/x", "--listen=0.0.0.0:9000",
                                      "--demo", "--max-connections=50"}));
}

TEST(ConfigFile, BadLinesAndMissingFilesNameTheProblem) {
  testing::TempDir dir;
  std::string path = dir.path() + "/bad.conf";
  std::ofstream(path) << "listen 127.0.0.1:1\n";
  auto bad = expandConfigFile({"serve", "--config=" + path});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(":1:"), std::string::npos);
  EXPECT_FALSE(expandConfigFile({"serve", "--config", dir.path() + "/none"}).ok());
}

}  // namespace
}  // namespace linli::app
