// Registry places as administrators see and change them: a place with its
// counts and state, the input of a create or edit, a building's move to
// another grid, and what a places import checked or wrote.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/scope.h"

namespace linli::registry {

struct Place {
  int64_t id = 0;
  ScopeKind kind = ScopeKind::kStreet;
  int64_t parent_id = 0;  // 0 for a street
  std::string code, name;
  std::optional<TimeMs> retired_at;
  // A grid's worker (a grid_worker user scoped to the grid).
  std::optional<int64_t> worker_id;
  std::string worker_name;
  int64_t buildings = 0, residents = 0;  // active residents
};

struct PlaceInput {
  std::optional<std::string> code, name;
  // A grid's worker: nullopt leaves it, 0 clears it.
  std::optional<int64_t> worker_id;
};

struct BuildingMove {
  int64_t id = 0;
  int64_t building_id = 0;
  TimeMs at = 0;
  std::optional<int64_t> actor_id;
  std::string actor_name;
  int64_t from_grid_id = 0, to_grid_id = 0;
  std::string from_grid_name, to_grid_name;
  int64_t households = 0, residents = 0;
  std::string note;
};

// A places spreadsheet (街道, 社区, 网格, 区划代码; 网格编码 optional) checked or imported.
struct PlacesImportSummary {
  int64_t rows = 0, communities_created = 0, grids_created = 0, existing = 0;
  bool committed = false;
  struct Problem {
    int row = 0;
    std::string column, reason;
  };
  std::vector<Problem> errors;
};

}  // namespace linli::registry
