#include "registry/vocabulary.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "common/text_normalize.h"
#include "registry/model.h"

namespace linli::registry {

namespace {

using Pairs = std::vector<std::pair<std::string_view, std::string_view>>;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::optional<std::string> lookup(const Pairs& pairs, const std::vector<std::string_view>& codes,
                                  const std::string& text) {
  std::string t = lower(normalizedInput(text));
  if (t.empty()) return std::nullopt;
  if (oneOf(codes, t)) return t;
  for (const auto& [word, code] : pairs)
    if (t == word) return std::string(code);
  return std::nullopt;
}

}  // namespace

const std::vector<std::string>& importFields() {
  static const std::vector<std::string> fields = {
      "name",     "id_number",        "phone",  "building", "unit",       "room",
      "grid",     "address",          "tags",   "sex",      "birth_date", "ethnicity",
      "relation", "residence_status", "skills", "notes"};
  return fields;
}

std::optional<std::string> suggestField(const std::string& header) {
  static const Pairs headers = {{"姓名", "name"},
                                {"居民姓名", "name"},
                                {"名字", "name"},
                                {"身份证号", "id_number"},
                                {"身份证号码", "id_number"},
                                {"证件号码", "id_number"},
                                {"公民身份号码", "id_number"},
                                {"身份证", "id_number"},
                                {"联系电话", "phone"},
                                {"电话", "phone"},
                                {"手机", "phone"},
                                {"手机号", "phone"},
                                {"手机号码", "phone"},
                                {"联系方式", "phone"},
                                {"楼栋", "building"},
                                {"楼号", "building"},
                                {"楼栋号", "building"},
                                {"楼宇", "building"},
                                {"单元", "unit"},
                                {"单元号", "unit"},
                                {"门牌号", "room"},
                                {"房号", "room"},
                                {"房间号", "room"},
                                {"室", "room"},
                                {"户室号", "room"},
                                {"网格", "grid"},
                                {"所属网格", "grid"},
                                {"网格编号", "grid"},
                                {"地址", "address"},
                                {"楼栋地址", "address"},
                                {"详细地址", "address"},
                                {"标签", "tags"},
                                {"特殊人群", "tags"},
                                {"人群类别", "tags"},
                                {"人员类别", "tags"},
                                {"性别", "sex"},
                                {"出生日期", "birth_date"},
                                {"出生年月", "birth_date"},
                                {"民族", "ethnicity"},
                                {"与户主关系", "relation"},
                                {"关系", "relation"},
                                {"户籍状态", "residence_status"},
                                {"居住状态", "residence_status"},
                                {"人口类型", "residence_status"},
                                {"人户状态", "residence_status"},
                                {"技能", "skills"},
                                {"特长", "skills"},
                                {"专业技能", "skills"},
                                {"备注", "notes"}};
  std::string h = lower(normalizedInput(header));
  for (const auto& f : importFields())
    if (h == f) return f;
  for (const auto& [word, field] : headers)
    if (h == word) return std::string(field);
  return std::nullopt;
}

std::optional<std::string> sexCode(const std::string& text) {
  static const Pairs words = {{"男", "male"}, {"女", "female"}, {"m", "male"}, {"f", "female"}};
  static const std::vector<std::string_view> codes = {"male", "female"};
  return lookup(words, codes, text);
}

std::optional<std::string> relationCode(const std::string& text) {
  static const Pairs words = {
      {"户主", "householder"},   {"本人", "householder"},   {"配偶", "spouse"},
      {"妻", "spouse"},          {"妻子", "spouse"},        {"夫", "spouse"},
      {"丈夫", "spouse"},        {"子", "child"},           {"女", "child"},
      {"儿子", "child"},         {"女儿", "child"},         {"子女", "child"},
      {"长子", "child"},         {"长女", "child"},         {"次子", "child"},
      {"次女", "child"},         {"父亲", "parent"},        {"母亲", "parent"},
      {"父母", "parent"},        {"祖父", "grandparent"},   {"祖母", "grandparent"},
      {"祖父母", "grandparent"}, {"外祖父", "grandparent"}, {"外祖母", "grandparent"},
      {"孙子", "grandchild"},    {"孙女", "grandchild"},    {"外孙", "grandchild"},
      {"外孙女", "grandchild"},  {"兄弟姐妹", "sibling"},   {"兄", "sibling"},
      {"弟", "sibling"},         {"姐", "sibling"},         {"妹", "sibling"},
      {"租户", "tenant"},        {"租客", "tenant"},        {"其他", "other"}};
  return lookup(words, relationCodes(), text);
}

std::optional<std::string> residenceStatusCode(const std::string& text) {
  static const Pairs words = {{"户籍", "registered"}, {"户籍人口", "registered"},
                              {"常住", "permanent"},  {"常住人口", "permanent"},
                              {"流动", "floating"},   {"流动人口", "floating"},
                              {"空挂", "nominal"},    {"人户分离", "nominal"}};
  return lookup(words, residenceStatusCodes(), text);
}

std::optional<std::string> tagCode(const std::string& text) {
  static const Pairs words = {{"独居", "living_alone"},
                              {"独居老人", "living_alone"},
                              {"高龄", "advanced_age"},
                              {"高龄老人", "advanced_age"},
                              {"空巢", "empty_nest"},
                              {"空巢老人", "empty_nest"},
                              {"留守儿童", "left_behind_child"},
                              {"低保", "low_income"},
                              {"低保户", "low_income"},
                              {"残疾", "disabled"},
                              {"残疾人", "disabled"},
                              {"失独", "bereaved_parent"},
                              {"失独家庭", "bereaved_parent"},
                              {"退役军人", "veteran"},
                              {"党员", "party_member"},
                              {"中共党员", "party_member"}};
  return lookup(words, builtinTags(), text);
}

std::optional<std::string> skillCode(const std::string& text) {
  static const Pairs words = {
      {"医生", "doctor"},        {"退休医生", "doctor"},    {"护士", "nurse"},
      {"教师", "teacher"},       {"老师", "teacher"},       {"退休教师", "teacher"},
      {"律师", "lawyer"},        {"心理咨询", "counselor"}, {"心理咨询师", "counselor"},
      {"社工", "social_worker"}, {"电工", "electrician"},   {"水电工", "electrician"},
      {"水管工", "plumber"},     {"水暖工", "plumber"},     {"会计", "accountant"},
      {"司机", "driver"},        {"厨师", "cook"},          {"信息技术", "it"},
      {"程序员", "it"},          {"计算机", "it"}};
  return lookup(words, skillCodes(), text);
}

std::string tagLabel(const std::string& code) {
  static const Pairs labels = {
      {"living_alone", "独居"},          {"advanced_age", "高龄"}, {"empty_nest", "空巢"},
      {"left_behind_child", "留守儿童"}, {"low_income", "低保"},   {"disabled", "残疾"},
      {"bereaved_parent", "失独"},       {"veteran", "退役军人"},  {"party_member", "党员"}};
  for (const auto& [c, label] : labels)
    if (code == c) return std::string(label);
  return code;
}

std::vector<std::string> splitItems(const std::string& text) {
  const std::string wide = halfWidth(text);
  // Chinese list separators 、，；/ become ","; ASCII , ; | are split on below.
  std::string t;
  for (size_t i = 0; i < wide.size();) {
    size_t sep = 0;
    for (std::string_view s : {"、", "，", "；", "／"})
      if (wide.compare(i, s.size(), s) == 0) sep = s.size();
    if (sep) {
      t += ',';
      i += sep;
    } else {
      t += wide[i++];
    }
  }
  std::vector<std::string> out;
  std::string item;
  for (char c : t + ",") {
    if (c == ',' || c == ';' || c == '|' || c == '/' || c == ' ') {
      std::string v = trimmed(item);
      if (!v.empty()) out.push_back(v);
      item.clear();
    } else {
      item += c;
    }
  }
  return out;
}

}  // namespace linli::registry
