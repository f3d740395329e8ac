// Registry storage port: the SQL for places. Only registry/ includes this.
#pragma once

#include <optional>
#include <vector>

#include "registry/registry.h"

namespace linli::registry::repo {

struct PlaceRow {
  int64_t id;
  int64_t parent_id;  // 0 for streets
  std::string code;
  std::string name;
};

Result<std::optional<ResolvedScope>> findScope(storage::Tx& tx, const Scope& scope);
Result<std::vector<PlaceRow>> streets(storage::Tx& tx, std::optional<int64_t> only);
Result<std::vector<PlaceRow>> communities(storage::Tx& tx, int64_t street_id,
                                          std::optional<int64_t> only);
Result<std::vector<PlaceRow>> grids(storage::Tx& tx, int64_t community_id,
                                    std::optional<int64_t> only);
Result<int64_t> insertPlace(storage::Tx& tx, ScopeKind kind, int64_t parent_id,
                            const std::string& code, const std::string& name);

}  // namespace linli::registry::repo
