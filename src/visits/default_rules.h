// The visit rules every street starts with (走访从第一天起), so a grid
// worker's list is not empty until an admin writes one. Filters are the smart
// report's, over the registry's tags (registry/model.cc). Private to visits.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace linli::visits {

struct DefaultRule {
  std::string name;
  nlohmann::json filter;
  int every_days = 30;
};

const std::vector<DefaultRule>& defaultRules();

}  // namespace linli::visits
