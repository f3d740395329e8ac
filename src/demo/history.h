// The demo street's past year (private to the demo room): a few thousand
// requests filed over the twelve months before now, in a realistic mix of
// categories, handled by the demo accounts where they work (others by people
// without an account), nearly all closed and most of them rated, a few from
// the last days resolved and awaiting their rating; none left open, so the
// demo's queues, inboxes and workloads are what they would be without it.
// Texts come from requestTexts(5000) (the set the corpus test checks against
// the evaluation sentences).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "requests/requests.h"

namespace linli::demo {

// How many past requests a demo of `residents` people gets.
int64_t historySize(int64_t residents);

struct HistoryPlace {
  registry::PlacePath place;
  std::string community_name;
};

struct HistoryHandler {
  int64_t user_id = 0;
  std::string display_name;
};

// Who handled what in the demo: the grid worker their grid's grid-unit work,
// the community's staff and admin the rest of their community's, the
// department everything of the department unit.
struct HistoryHandlers {
  std::optional<int64_t> worker_grid, staff_community;
  std::optional<HistoryHandler> grid_worker, community_staff, community_admin, department;
};

// `n` past requests before `now` (oldest first), over `places`, with each
// category's unit from `categories`. Deterministic for a seed.
std::vector<requests::PastRequest> pastRequests(int64_t n, TimeMs now,
                                                const std::vector<HistoryPlace>& places,
                                                const std::vector<requests::Category>& categories,
                                                const HistoryHandlers& handlers,
                                                uint64_t seed = 2025);

}  // namespace linli::demo
