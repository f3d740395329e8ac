#include "visits/default_rules.h"

namespace linli::visits {

const std::vector<DefaultRule>& defaultRules() {
  // The 独居 tag (a resident the community counts as living alone), not the
  // report's household-of-one test: the tag is what workers record and keep.
  static const std::vector<DefaultRule> rules = {
      {"独居且80岁以上：每周", {{"tags_any", {"living_alone"}}, {"age_min", 80}}, 7},
      {"残疾：每月", {{"tags_any", {"disabled"}}}, 30},
      {"低保：每月", {{"tags_any", {"low_income"}}}, 30},
      {"留守儿童：每月", {{"tags_any", {"left_behind_child"}}}, 30},
  };
  return rules;
}

}  // namespace linli::visits
