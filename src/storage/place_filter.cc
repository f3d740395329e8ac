#include "storage/place_filter.h"

namespace linli::storage {

std::string placeFilter(const std::string& alias, int64_t street_id,
                        std::optional<int64_t> community_id, std::optional<int64_t> grid_id,
                        std::vector<Value>& params, bool include_unplaced) {
  const std::string p = alias.empty() ? "" : alias + ".";
  if (grid_id) {
    params.emplace_back(*grid_id);
    return p + "grid_id = ?";
  }
  if (community_id) {
    params.emplace_back(*community_id);
    return p + "community_id = ?";
  }
  params.emplace_back(street_id);
  if (include_unplaced) return "(" + p + "street_id = ? OR " + p + "street_id IS NULL)";
  return p + "street_id = ?";
}

}  // namespace linli::storage
