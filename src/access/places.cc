#include "access/access.h"

namespace linli::access {

PlacePath placeOf(const Principal& p) { return {p.street_id, p.community_id, p.grid_id}; }

bool covers(const PlacePath& outer, const PlacePath& inner) {
  if (outer.street_id != inner.street_id) return false;
  if (outer.community_id && outer.community_id != inner.community_id) return false;
  if (outer.grid_id && outer.grid_id != inner.grid_id) return false;
  return true;
}

}  // namespace linli::access
