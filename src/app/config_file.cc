#include "app/config_file.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>

namespace linli::app {

namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

bool givenOnCommandLine(const std::vector<std::string>& args, const std::string& flag) {
  for (const auto& a : args)
    if (a == flag || a.rfind(flag + "=", 0) == 0) return true;
  return false;
}

std::string envName(const std::string& key) {
  std::string name = "LINLI_";
  for (char c : key) name += c == '-' ? '_' : static_cast<char>(std::toupper(c));
  return name;
}

}  // namespace

Result<std::vector<std::string>> expandConfigFile(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  std::string path;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--config" && i + 1 < args.size()) {
      path = args[++i];
    } else if (args[i].rfind("--config=", 0) == 0) {
      path = args[i].substr(9);
    } else {
      out.push_back(args[i]);
    }
  }
  if (path.empty()) return out;
  std::ifstream in(path);
  if (!in) return invalidArgument("--config", "cannot read config file " + path);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';' || line[0] == '[') continue;
    size_t eq = line.find('=');
    if (eq == std::string::npos)
      return invalidArgument("--config",
                             path + ":" + std::to_string(number) + ": expected key = value");
    std::string key = trim(line.substr(0, eq));
    std::replace(key.begin(), key.end(), '_', '-');
    std::string value = trim(line.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front())
      value = value.substr(1, value.size() - 2);
    const std::string flag = "--" + key;
    if (givenOnCommandLine(out, flag) || std::getenv(envName(key).c_str())) continue;
    if (value == "true") {
      out.push_back(flag);
    } else if (value != "false") {
      out.push_back(flag + "=" + value);
    }
  }
  return out;
}

}  // namespace linli::app
