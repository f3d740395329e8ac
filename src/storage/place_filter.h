// The SQL condition that limits rows to a place path, for tables that carry
// the denormalized street_id / community_id / grid_id columns. Appends the
// bound values to `params`; the column names are constants, never input.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/db.h"

namespace linli::storage {

// `alias` is the table alias ("u", "r") or empty. With include_unplaced, rows
// whose street_id is NULL also match at street level (e.g. audit lines of
// unknown usernames).
std::string placeFilter(const std::string& alias, int64_t street_id,
                        std::optional<int64_t> community_id, std::optional<int64_t> grid_id,
                        std::vector<Value>& params, bool include_unplaced = false);

}  // namespace linli::storage
