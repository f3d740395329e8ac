// The call list against a whole demo app: a reason is required, the file's
// first rows name the exporter, grid workers export only once the street gives
// them the call list, and the registry's bulk phone read keeps the caller's scope.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/app.h"
#include "reports/reports.h"
#include "testing/demo_app.h"

namespace linli::reports {
namespace {

class CallListTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(app_.open({.residents = 400, .start = true}));
    admin_ = app_.as("community_admin");
    worker_ = app_.as("grid_worker");
    street_ = app_.as("street_admin");
  }
  testing::DemoApp app_;
  Caller admin_, worker_, street_;
};

TEST_F(CallListTest, AReasonIsRequiredAndTheFileNamesTheExporter) {
  ReportService& reports = *app_->reports;
  const nlohmann::json filter = {{"age_min", 60}};
  EXPECT_EQ(reports.exportCallList(admin_, filter, "csv", " ").status().field(), "reason");
  EXPECT_EQ(reports.exportCallList(admin_, filter, "csv", "").status().field(), "reason");
  EXPECT_EQ(reports.exportCallList(admin_, filter, "pdf", "回访通知").status().field(), "format");
  auto file = reports.exportCallList(admin_, filter, "csv", "回访通知");
  ASSERT_TRUE(file.ok()) << file.status().toString();
  ASSERT_GT(file->rows, 0);
  const std::string& body = file->body;
  EXPECT_NE(body.find("\r\n导出人,community_admin\r\n导出时间,"), std::string::npos)
      << body.substr(0, 300);
  EXPECT_NE(body.find("\r\n事由,回访通知\r\n行数," + std::to_string(file->rows) +
                      "\r\n\r\n姓名,联系电话,"),
            std::string::npos)
      << body.substr(0, 300);
}

TEST_F(CallListTest, GridWorkersExportTheirGridOnceTheStreetGivesIt) {
  ReportService& reports = *app_->reports;
  const auto all = nlohmann::json::object();
  EXPECT_EQ(reports.exportCallList(worker_, all, "csv", "应急联络").status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(reports.setCallListRoles(admin_, {"grid_worker"}).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(reports.setCallListRoles(street_, {"community_admin"}).status().field(), "roles");
  ASSERT_TRUE(reports.setCallListRoles(street_, {"grid_worker", "grid_worker"}).ok());
  auto access = reports.callListAccess(worker_);
  ASSERT_TRUE(access.ok());
  EXPECT_TRUE(access->allowed);
  EXPECT_EQ(access->via, "street");
  EXPECT_EQ(access->street_roles, std::vector<std::string>{"grid_worker"});
  EXPECT_FALSE(reports.callListAccess(app_.as("community_staff"))->allowed);

  auto grid = reports.exportCallList(worker_, all, "xlsx", "应急联络");
  ASSERT_TRUE(grid.ok()) << grid.status().toString();
  auto community = reports.exportCallList(admin_, all, "xlsx", "应急联络");
  ASSERT_TRUE(community.ok()) << community.status().toString();
  EXPECT_EQ(grid->rows, static_cast<int64_t>(reports.residentIds(worker_, Filter{})->size()));
  EXPECT_LT(grid->rows, community->rows);
  ASSERT_TRUE(reports.setCallListRoles(street_, {}).ok());
  EXPECT_FALSE(reports.callListAccess(worker_)->allowed);
}

// The call list asks only for residents its own index found, but the registry
// does not rely on that: ids outside the caller's area give no phone.
TEST_F(CallListTest, PhonesForExportKeepTheCallersArea) {
  auto street = app_->reports->residentIds(street_, Filter{});
  auto grid = app_->reports->residentIds(worker_, Filter{});
  ASSERT_TRUE(street.ok() && grid.ok());
  ASSERT_LT(grid->size(), street->size());
  auto phones = app_->registry->phonesForExport(worker_, *street);
  ASSERT_TRUE(phones.ok()) << phones.status().toString();
  EXPECT_FALSE(phones->empty());
  for (const auto& [id, phone] : *phones) {
    EXPECT_TRUE(std::binary_search(grid->begin(), grid->end(), id)) << id << " is not in the grid";
    EXPECT_GE(phone.size(), 7u);
    EXPECT_EQ(phone.find('*'), std::string::npos) << "in full";
  }
}

}  // namespace
}  // namespace linli::reports
