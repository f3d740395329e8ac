#include "requests/lifecycle.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace linli::requests {
namespace {

// Every (status, action) pair: the legal ones lead where the contract says
// (docs/http-api.md "Actions"), every other pair is refused.
TEST(Lifecycle, EveryLegalAndIllegalTransition) {
  const std::map<std::pair<std::string, std::string>, std::string> legal = {
      {{"submitted", "accept"}, "accepted"},
      {{"reopened", "accept"}, "accepted"},
      {{"submitted", "assign"}, "assigned"},
      {{"accepted", "assign"}, "assigned"},
      {{"assigned", "assign"}, "assigned"},
      {{"in_progress", "assign"}, "assigned"},
      {{"reopened", "assign"}, "assigned"},
      {{"assigned", "receive"}, "assigned"},
      {{"assigned", "start"}, "in_progress"},
      {{"assigned", "decline"}, "assigned"},
      {{"in_progress", "wait"}, "waiting_on_resident"},
      {{"waiting_on_resident", "resume"}, "in_progress"},
      {{"in_progress", "resolve"}, "resolved"},
      {{"resolved", "close"}, "closed"},
      {{"resolved", "rate"}, "closed"},
      {{"submitted", "reject"}, "rejected"},
      {{"accepted", "reject"}, "rejected"},
      {{"assigned", "reject"}, "rejected"},
      {{"submitted", "cancel"}, "cancelled"},
      {{"accepted", "cancel"}, "cancelled"},
      {{"assigned", "cancel"}, "cancelled"},
      {{"in_progress", "cancel"}, "cancelled"},
      {{"waiting_on_resident", "cancel"}, "cancelled"},
      {{"reopened", "cancel"}, "cancelled"},
      {{"resolved", "reopen"}, "reopened"},
      {{"closed", "reopen"}, "reopened"},
  };
  int checked = 0;
  for (auto status : statuses())
    for (auto action : actions()) {
      auto next = nextStatus(status, action);
      if (action == "note") {
        EXPECT_EQ(next, std::string(status));
        continue;
      }
      if (action == "report_in" || action == "categorize" || action == "link") {
        EXPECT_EQ(next.has_value(), isOpen(status)) << status;
        if (next) {
          EXPECT_EQ(*next, std::string(status));
        }
        continue;
      }
      auto it = legal.find({std::string(status), std::string(action)});
      if (it == legal.end()) {
        EXPECT_FALSE(next) << status << " --" << action << "-> " << next.value_or("");
      } else {
        ASSERT_TRUE(next) << status << " --" << action;
        EXPECT_EQ(*next, it->second) << status << " --" << action;
        ++checked;
      }
    }
  EXPECT_EQ(checked, static_cast<int>(legal.size()));
  EXPECT_FALSE(nextStatus("nonsense", "note"));
  EXPECT_FALSE(nextStatus("submitted", "fly"));
}

TEST(Lifecycle, OpenStatusesAreThoseSomeoneMustStillActOn) {
  std::set<std::string> open;
  for (auto s : statuses())
    if (isOpen(s)) open.insert(std::string(s));
  EXPECT_EQ(open, (std::set<std::string>{"submitted", "accepted", "assigned", "in_progress",
                                         "waiting_on_resident", "reopened"}));
}

}  // namespace
}  // namespace linli::requests
