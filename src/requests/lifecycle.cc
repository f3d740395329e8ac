#include "requests/lifecycle.h"

#include <algorithm>

namespace linli::requests {

namespace {

struct Move {
  std::string_view action;
  std::vector<std::string_view> from;
  std::string_view to;
};

const std::vector<Move>& moves() {
  static const std::vector<Move> table = {
      {"accept", {"submitted", "reopened"}, "accepted"},
      {"assign", {"submitted", "accepted", "assigned", "in_progress", "reopened"}, "assigned"},
      {"start", {"assigned"}, "in_progress"},
      {"decline", {"assigned"}, "assigned"},  // 退回: back to whoever handed it over
      {"wait", {"in_progress"}, "waiting_on_resident"},
      {"resume", {"waiting_on_resident"}, "in_progress"},
      {"resolve", {"in_progress"}, "resolved"},
      {"close", {"resolved"}, "closed"},
      {"rate", {"resolved"}, "closed"},
      {"reject", {"submitted", "accepted", "assigned"}, "rejected"},
      {"cancel",
       {"submitted", "accepted", "assigned", "in_progress", "waiting_on_resident", "reopened"},
       "cancelled"},
      {"reopen", {"resolved", "closed"}, "reopened"},
  };
  return table;
}

}  // namespace

const std::vector<std::string_view>& statuses() {
  static const std::vector<std::string_view> all = {
      "submitted", "accepted", "assigned", "in_progress", "waiting_on_resident",
      "resolved",  "closed",   "rejected", "cancelled",   "reopened"};
  return all;
}

const std::vector<std::string_view>& actions() {
  static const std::vector<std::string_view> all = [] {
    std::vector<std::string_view> a;
    for (const Move& m : moves()) a.push_back(m.action);
    a.push_back("note");
    a.push_back("report_in");
    a.push_back("categorize");
    a.push_back("link");
    return a;
  }();
  return all;
}

std::optional<std::string> nextStatus(std::string_view from, std::string_view action) {
  if (action == "note") {
    const auto& s = statuses();
    if (std::find(s.begin(), s.end(), from) == s.end()) return std::nullopt;
    return std::string(from);
  }
  if (action == "report_in" || action == "categorize" || action == "link")
    return isOpen(from) ? std::optional<std::string>(from) : std::nullopt;
  for (const Move& m : moves())
    if (m.action == action && std::find(m.from.begin(), m.from.end(), from) != m.from.end())
      return std::string(m.to);
  return std::nullopt;
}

bool isOpen(std::string_view status) {
  const auto& s = statuses();
  return std::find(s.begin(), s.end(), status) != s.end() && status != "resolved" &&
         status != "closed" && status != "rejected" && status != "cancelled";
}

}  // namespace linli::requests
