#include "common/id_number.h"

#include <gtest/gtest.h>

namespace linli {
namespace {

const CivilDate kToday{2026, 11, 22};

// Builds a valid number from 17 digits.
std::string valid(const std::string& first17) { return first17 + idCheckCharacter(first17); }

TEST(IdNumber, AcceptsAValidNumberAndDerivesBirthAndSex) {
  auto id = parseIdNumber("11010519491231002X", kToday);  // the standard's own example
  ASSERT_TRUE(id.ok()) << id.status().toString();
  EXPECT_EQ(id->birth_date, (CivilDate{1949, 12, 31}));
  EXPECT_EQ(id->sex, Sex::kFemale);
  EXPECT_EQ(id->last4(), "002X");
  EXPECT_EQ(id->region_code, "110105");
}

TEST(IdNumber, LowerCaseXAndSpacesAreTolerated) {
  auto id = parseIdNumber(" 11010519491231002x ", kToday);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->number, "11010519491231002X");
}

TEST(IdNumber, WrongCheckCharacterIsRefused) {
  auto id = parseIdNumber("110105194912310021", kToday);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().field(), "id_number");
  EXPECT_NE(id.status().message().find("check"), std::string::npos);
}

TEST(IdNumber, ImpossibleAndFutureDatesAreRefused) {
  EXPECT_FALSE(parseIdNumber(valid("33010619870229001"), kToday).ok());  // 1987 not a leap year
  EXPECT_TRUE(parseIdNumber(valid("33010619880229001"), kToday).ok());
  EXPECT_FALSE(parseIdNumber(valid("33010619871301001"), kToday).ok());
  EXPECT_FALSE(parseIdNumber(valid("33010620261123001"), kToday).ok());  // tomorrow
  EXPECT_TRUE(parseIdNumber(valid("33010620261122001"), kToday).ok());   // born today
}

TEST(IdNumber, UnknownProvinceAndBadShapesAreRefused) {
  EXPECT_FALSE(parseIdNumber(valid("99010619870101001"), kToday).ok());
  EXPECT_FALSE(parseIdNumber("3301061987010100", kToday).ok());
  EXPECT_FALSE(parseIdNumber("33010619870101A011", kToday).ok());
  EXPECT_FALSE(parseIdNumber("", kToday).ok());
}

TEST(IdNumber, ConvertsLegacy15DigitNumbers) {
  auto id = parseIdNumber("330106870101001", kToday);
  ASSERT_TRUE(id.ok()) << id.status().toString();
  EXPECT_TRUE(id->converted_from_15);
  EXPECT_EQ(id->number, valid("33010619870101001"));
  EXPECT_EQ(id->birth_date, (CivilDate{1987, 1, 1}));
  EXPECT_EQ(id->sex, Sex::kMale);
}

TEST(Age, CountsWholeYearsAcrossBirthdays) {
  CivilDate birth{1936, 11, 23};
  EXPECT_EQ(ageOn(birth, {2026, 11, 22}), 89);
  EXPECT_EQ(ageOn(birth, {2026, 11, 23}), 90);
}

TEST(Age, LeapDayBirthdaysTurnOnFirstOfMarchInCommonYears) {
  CivilDate birth{2000, 2, 29};
  EXPECT_EQ(ageOn(birth, {2026, 2, 28}), 25);
  EXPECT_EQ(ageOn(birth, {2026, 3, 1}), 26);
  EXPECT_EQ(ageOn(birth, {2028, 2, 29}), 28);
}

TEST(CivilDate, DaysRoundTripAndLocalDate) {
  for (CivilDate d : {CivilDate{1900, 3, 1}, CivilDate{1970, 1, 1}, CivilDate{2024, 2, 29}})
    EXPECT_EQ(fromDays(toDays(d)), d);
  // 2026-11-22T16:30Z is already the 23rd in Beijing.
  EXPECT_EQ(dateAt(*parseIso8601("2026-11-22T16:30:00Z")), (CivilDate{2026, 11, 23}));
  EXPECT_EQ(parseDate("2026-02-29"), std::nullopt);
  EXPECT_EQ(formatDate(*parseDate("2026-03-09")), "2026-03-09");
}

}  // namespace
// Found by fuzz_id_number: a non-digit among the 17 made a negative index
// into the table of check characters (undefined behaviour). Nothing in linli
// passes unchecked text to it, but it is public: it says '\0' instead.
TEST(IdNumber, CheckCharacterOfNonDigitsIsNulNotOutOfBounds) {
  EXPECT_EQ(idCheckCharacter("11\xb0"
                             "10520991231002"),
            '\0');
  EXPECT_EQ(idCheckCharacter("1101051949123100"), '\0');
  EXPECT_EQ(idCheckCharacter("11010519491231002"), 'X');
  EXPECT_FALSE(parseIdNumber("11\xb0"
                             "105209912310021",
                             {2026, 12, 2})
                   .ok());
}

}  // namespace linli
