// A synthetic but plausible street population for demos, tests and
// benchmarks: communities and grids, buildings with units and floors,
// households of 1–5 people, residents with Chinese names, an age pyramid
// of an ageing Chinese city, valid ID numbers (region 330106), phones,
// special groups at realistic rates, skills, and assets (elevators, fire
// equipment) with inspections spread over the coming year. Deterministic
// for a given seed. Rows go through the registry's import, the same path
// a spreadsheet takes.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/civil_date.h"
#include "registry/model.h"

namespace linli::demo {

struct GridPlan {
  std::string community_name, community_code;
  std::string grid_name, grid_code;
};

// 8 communities and 60 grids of 幸福街道.
std::vector<GridPlan> streetPlan();

struct Population {
  std::vector<registry::ImportRow> residents;
  std::vector<registry::AssetImport> assets;
};

Population generatePopulation(int64_t residents, const CivilDate& today, uint64_t seed = 2026);
// The same street, each resident row handed to `each` as it is made (nothing
// kept, for a million rows); returns the assets.
std::vector<registry::AssetImport> generateResidents(
    int64_t residents, const CivilDate& today,
    const std::function<void(const registry::ImportRow&)>& each, uint64_t seed = 2026);

}  // namespace linli::demo
