// A benchmark's throwaway data directory under the system temp directory,
// removed when the benchmark ends, also when it fails; and the one way a
// benchmark reports a failure (a line on stderr, exit code 1).
#pragma once

#include <string>

#include "common/result.h"

namespace linli::bench {

class BenchDir {
 public:
  explicit BenchDir(const std::string& name);  // linli-bench-<name>-<pid>
  ~BenchDir();
  BenchDir(const BenchDir&) = delete;
  BenchDir& operator=(const BenchDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

int benchFailed(const Status& st);

}  // namespace linli::bench
