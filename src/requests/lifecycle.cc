#include "requests/lifecycle.h"

#include <algorithm>

namespace linli::requests {

namespace {

struct Move {
  std::string_view action;
  const std::vector<std::string_view>& from;
  std::string_view to;  // empty: the status stays
};

const std::vector<std::string_view>& openStatuses() {
  static const std::vector<std::string_view> open = {
      "submitted", "accepted", "assigned", "in_progress", "waiting_on_resident", "reopened"};
  return open;
}

std::vector<std::string_view> list(std::initializer_list<std::string_view> s) { return s; }

const std::vector<Move>& moves() {
  static const auto from_new = list({"submitted", "reopened"});
  static const auto from_assignable =
      list({"submitted", "accepted", "assigned", "in_progress", "reopened"});
  static const auto from_assigned = list({"assigned"});
  static const auto from_in_progress = list({"in_progress"});
  static const auto from_waiting = list({"waiting_on_resident"});
  static const auto from_resolved = list({"resolved"});
  static const auto from_early = list({"submitted", "accepted", "assigned"});
  static const auto from_finished = list({"resolved", "closed"});
  static const std::vector<Move> table = {
      {"accept", from_new, "accepted"},
      {"assign", from_assignable, "assigned"},
      {"receive", from_assigned, {}},  // 签收: the handler has seen it; the status stays
      {"start", from_assigned, "in_progress"},
      {"decline", from_assigned, "assigned"},  // 退回: back to whoever handed it over
      {"wait", from_in_progress, "waiting_on_resident"},
      {"resume", from_waiting, "in_progress"},
      {"resolve", from_in_progress, "resolved"},
      {"close", from_resolved, "closed"},
      {"rate", from_resolved, "closed"},
      {"reject", from_early, "rejected"},
      {"cancel", openStatuses(), "cancelled"},
      {"reopen", from_finished, "reopened"},
      {"note", statuses(), {}},
      {"report_in", openStatuses(), {}},
      {"categorize", openStatuses(), {}},
      {"link", openStatuses(), {}},
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
    return a;
  }();
  return all;
}

std::optional<std::string> nextStatus(std::string_view from, std::string_view action) {
  for (const Move& m : moves())
    if (m.action == action && std::find(m.from.begin(), m.from.end(), from) != m.from.end())
      return std::string(m.to.empty() ? from : m.to);
  return std::nullopt;
}

bool isOpen(std::string_view status) {
  const auto& open = openStatuses();
  return std::find(open.begin(), open.end(), status) != open.end();
}

}  // namespace linli::requests
