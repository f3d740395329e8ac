#include "bench/bench_dir.h"

#include <unistd.h>

#include <filesystem>
#include <iostream>

namespace linli::bench {

BenchDir::BenchDir(const std::string& name)
    : path_((std::filesystem::temp_directory_path() /
             ("linli-bench-" + name + "-" + std::to_string(::getpid())))
                .string()) {}

BenchDir::~BenchDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

int benchFailed(const Status& st) {
  std::cerr << "bench: " << st.toString() << "\n";
  return 1;
}

}  // namespace linli::bench
