#include "requests/actions.h"

#include <gtest/gtest.h>

#include "requests/lifecycle.h"

namespace linli::requests {
namespace {

// The lifecycle table and the handler table name the same actions: every
// legal action has its handler (and who may take it), and no handler is for
// an action the lifecycle does not know.
TEST(Actions, EveryLifecycleActionHasOneHandlerRow) {
  for (auto action : actions()) {
    const ActionRule* rule = actionRule(action);
    ASSERT_NE(rule, nullptr) << action;
    EXPECT_NE(rule->may, nullptr) << action;
  }
  EXPECT_EQ(actionRule("fly"), nullptr);
  EXPECT_EQ(actionRule(""), nullptr);
}

// Who may take an action, as the page's buttons and act() both ask it.
TEST(Actions, WhoMayTakeThem) {
  Request r;
  const Standing filer{.filer = true};
  const Standing handler{.handler = true};
  const Standing assigner{.handler = true, .assigner = true};
  EXPECT_TRUE(actionRule("rate")->may(filer, r));
  EXPECT_FALSE(actionRule("rate")->may(handler, r));
  EXPECT_TRUE(actionRule("cancel")->may(filer, r));
  EXPECT_TRUE(actionRule("note")->may(handler, r));
  EXPECT_FALSE(actionRule("assign")->may(handler, r));
  EXPECT_TRUE(actionRule("assign")->may(assigner, r));
  EXPECT_FALSE(actionRule("decline")->may(handler, r));
  EXPECT_TRUE(actionRule("decline")->may({.handler = true, .assignee = true}, r));
  EXPECT_FALSE(actionRule("report_in")->may(handler, r));  // nothing escalated
  r.escalation_level = 1;
  EXPECT_TRUE(actionRule("report_in")->may(handler, r));
  r.reported_in = true;
  EXPECT_FALSE(actionRule("report_in")->may(handler, r));
  EXPECT_EQ(actionRule("report_in")->ready(r).code(), Code::kConflict);
  EXPECT_TRUE(actionRule("link")->may(handler, r));
  r.duplicate_of = 7;
  EXPECT_FALSE(actionRule("link")->may(handler, r));
}

}  // namespace
}  // namespace linli::requests
