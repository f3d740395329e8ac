// The `--config FILE` of `linli serve`: an INI/TOML-style file of
// `key = value` lines ("listen = 127.0.0.1:8080", quotes optional,
// `data_dir` and `data-dir` alike, [sections] and # comments ignored).
// expandConfigFile turns the file into flags, skipping any option already
// given on the command line or through its LINLI_<NAME> environment
// variable, so the precedence is flags, then environment, then file.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"

namespace linli::app {

// `args` are the command-line words after the program name. Returns them with
// the file's settings appended (and the --config pair removed).
Result<std::vector<std::string>> expandConfigFile(const std::vector<std::string>& args);

}  // namespace linli::app
