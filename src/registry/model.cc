#include "registry/model.h"

#include <algorithm>

namespace linli::registry {

const std::vector<std::string_view>& builtinTags() {
  static const std::vector<std::string_view> tags = {
      "living_alone", "advanced_age",    "empty_nest", "left_behind_child", "low_income",
      "disabled",     "bereaved_parent", "veteran",    "party_member"};
  return tags;
}

const std::vector<std::string_view>& skillCodes() {
  static const std::vector<std::string_view> skills = {
      "doctor",      "nurse",   "teacher",    "lawyer", "counselor", "social_worker",
      "electrician", "plumber", "accountant", "driver", "cook",      "it"};
  return skills;
}

const std::vector<std::string_view>& relationCodes() {
  static const std::vector<std::string_view> relations = {
      "householder", "spouse",  "child",  "parent", "grandparent",
      "grandchild",  "sibling", "tenant", "other"};
  return relations;
}

const std::vector<std::string_view>& residenceStatusCodes() {
  static const std::vector<std::string_view> statuses = {"registered", "permanent", "floating",
                                                         "nominal"};
  return statuses;
}

const std::vector<std::string_view>& assetKinds() {
  static const std::vector<std::string_view> kinds = {"elevator", "fire_equipment", "camera",
                                                      "charging_station", "other"};
  return kinds;
}

bool oneOf(const std::vector<std::string_view>& codes, std::string_view code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

std::string maskedPhone(const std::string& last4) {
  return last4.empty() ? std::string() : "*******" + last4;
}

std::string maskedIdNumber(const std::string& last4) {
  return last4.empty() ? std::string() : "**************" + last4;
}

}  // namespace linli::registry
