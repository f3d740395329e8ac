// Places import from an XLSX through the spreadsheet reader: checked, then all
// rows or none (the API tests cover CSV and the HTTP shape).
#include <gtest/gtest.h>

#include <algorithm>

#include "spreadsheet/spreadsheet.h"
#include "testing/demo_app.h"

namespace linli::registry {
namespace {

const std::vector<std::string> kHeaders = {"街道", "社区", "网格", "区划代码"};

bool hasCommunity(app::App& app, const Caller& c, const std::string& code) {
  auto places = app.registry->listPlaces(c, false);
  EXPECT_TRUE(places.ok());
  return std::any_of(places->begin(), places->end(), [&](const Place& p) {
    return p.kind == ScopeKind::kCommunity && p.code == code;
  });
}

TEST(PlacesImport, AnXlsxIsCheckedThenImportedAllOrNothing) {
  testing::DemoApp demo;
  ASSERT_NO_FATAL_FAILURE(demo.open());
  const Caller street = demo.as("street_admin");
  std::vector<std::vector<std::string>> rows = {
      {"幸福街道", "东湖社区", "东湖第一网格", "330106001090"},
      {"幸福街道", "东湖社区", "东湖第二网格", "330106001090"},
  };
  auto dry = demo->registry->importPlaces(street, spreadsheet::writeXlsx(kHeaders, rows), true);
  ASSERT_TRUE(dry.ok()) << dry.status().toString();
  EXPECT_EQ(dry->rows, 2);
  EXPECT_EQ(dry->communities_created, 1);
  EXPECT_EQ(dry->grids_created, 2);
  EXPECT_FALSE(dry->committed);
  EXPECT_FALSE(hasCommunity(demo.app(), street, "330106001090"));

  auto with_bad = rows;
  with_bad.push_back({"幸福街道", "西湖社区", "", "330107001001"});
  auto refused =
      demo->registry->importPlaces(street, spreadsheet::writeXlsx(kHeaders, with_bad), false);
  ASSERT_TRUE(refused.ok()) << refused.status().toString();
  EXPECT_FALSE(refused->committed);
  ASSERT_EQ(refused->errors.size(), 1u);
  EXPECT_EQ(refused->errors[0].row, 4);
  EXPECT_EQ(refused->errors[0].column, "区划代码");
  EXPECT_FALSE(hasCommunity(demo.app(), street, "330106001090"));

  auto done = demo->registry->importPlaces(street, spreadsheet::writeXlsx(kHeaders, rows), false);
  ASSERT_TRUE(done.ok()) << done.status().toString();
  EXPECT_TRUE(done->committed);
  EXPECT_TRUE(hasCommunity(demo.app(), street, "330106001090"));
  // A community admin cannot add a community, even through a file.
  auto theirs = demo->registry->importPlaces(
      demo.as("community_admin"),
      spreadsheet::writeXlsx(kHeaders, {{"幸福街道", "南湖社区", "", "330106001091"}}), true);
  ASSERT_TRUE(theirs.ok());
  ASSERT_EQ(theirs->errors.size(), 1u);
  EXPECT_EQ(theirs->errors[0].column, "社区");
}

}  // namespace
}  // namespace linli::registry
