// Audit storage port. Only audit/ includes this.
#pragma once

#include <vector>

#include "audit/audit.h"

namespace linli::audit::repo {

struct Row {
  TimeMs at;
  std::optional<int64_t> actor_id;
  std::string actor_username;
  int64_t street_id = 0;  // 0: not tied to a place
  std::optional<int64_t> community_id, grid_id;
  std::string action, target_type, target_id, outcome, detail, ip, request_id;
};

Status insert(storage::Tx& tx, const Row& row);
// Rows inside the viewer's place path, newest first, with the total count.
Result<std::pair<std::vector<storage::Row>, int64_t>> page(storage::Tx& tx, const Principal& viewer,
                                                           const Filter& filter);

}  // namespace linli::audit::repo
