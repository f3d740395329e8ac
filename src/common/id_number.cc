#include "common/id_number.h"

#include <algorithm>

namespace linli {

namespace {

constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr char kCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

bool knownProvince(int code) {
  static const int kProvinces[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34,
                                   35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
                                   53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91};
  return std::find(std::begin(kProvinces), std::end(kProvinces), code) != std::end(kProvinces);
}

bool allDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

Status bad(std::string message, std::string key, MessageParams params = {}) {
  return invalidArgument("id_number", std::move(message))
      .withKey(std::move(key), std::move(params));
}

}  // namespace

char idCheckCharacter(std::string_view first17) {
  if (first17.size() < 17 || !allDigits(first17.substr(0, 17))) return '\0';
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

Result<IdNumber> parseIdNumber(std::string_view text, const CivilDate& today) {
  std::string s;
  for (char c : text)
    if (c != ' ' && c != '\t') s += c == 'x' ? 'X' : c;
  IdNumber out;
  if (s.size() == 15) {
    if (!allDigits(s)) return bad("a 15-digit ID number has digits only", "id_number.digits15");
    s = s.substr(0, 6) + "19" + s.substr(6);
    s += idCheckCharacter(s);
    out.converted_from_15 = true;
  } else if (s.size() != 18) {
    return bad("an ID number has 18 characters (or 15 for old cards), this one has " +
                   std::to_string(s.size()),
               "id_number.length", {{"length", std::to_string(s.size())}});
  } else if (!allDigits(std::string_view(s).substr(0, 17)) ||
             !(std::isdigit(static_cast<unsigned char>(s[17])) || s[17] == 'X')) {
    return bad("an ID number has 17 digits followed by a digit or X", "id_number.format");
  }
  if (!knownProvince(num(std::string_view(s).substr(0, 2))))
    return bad("the ID number starts with an unknown province code " + s.substr(0, 2),
               "id_number.province", {{"code", s.substr(0, 2)}});
  int y = num(std::string_view(s).substr(6, 4)), m = num(std::string_view(s).substr(10, 2)),
      d = num(std::string_view(s).substr(12, 2));
  if (!isValidDate(y, m, d) || y < 1880)
    return bad("the birth date in the ID number (" + s.substr(6, 8) + ") is not a real date",
               "id_number.birth_invalid", {{"date", s.substr(6, 8)}});
  out.birth_date = {y, m, d};
  if (out.birth_date > today)
    return bad("the birth date in the ID number lies in the future", "id_number.birth_future");
  if (!out.converted_from_15 && idCheckCharacter(s) != s[17])
    return bad("the check character of the ID number is wrong: mistyped digit?", "id_number.check");
  out.number = s;
  out.sex = (s[16] - '0') % 2 == 1 ? Sex::kMale : Sex::kFemale;
  out.region_code = s.substr(0, 6);
  return out;
}

}  // namespace linli
