// Private to registry: moving a building to another grid inside the caller's
// transaction. The building, its households, residents and assets take the
// new place; the move is kept in building_moves. Returns the ids of the
// residents moved, whom the caller tells the listeners about after commit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "registry/registry.h"

namespace linli::registry {

Result<std::vector<int64_t>> relocate(storage::Tx& tx, Building& b, const PlacePath& to,
                                      std::optional<int64_t> actor, TimeMs now,
                                      const std::string& note);

}  // namespace linli::registry
