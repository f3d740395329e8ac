// The street's glance at its communities (byCommunity), for the home page.
#include "access/access.h"
#include "common/civil_date.h"
#include "requests/repo.h"
#include "requests/requests.h"

namespace linli::requests {

Result<std::vector<CommunityLoad>> RequestService::byCommunity(const Caller& caller) {
  LINLI_TRY(access::require(caller, "requests.read"));
  const registry::PlacePath area = access::placeOf(*caller.principal);
  const TimeMs now = clock_.now();
  CivilDate first = dateAt(now);
  first.day = 1;
  const TimeMs month_start = (toDays(first) * 86400 - 8 * 3600) * 1000;  // +08:00 midnight
  return storage::readResult<std::vector<CommunityLoad>>(
      db_, [&](storage::Tx& tx) { return repo::loadByCommunity(tx, area, now, month_start); });
}

}  // namespace linli::requests
