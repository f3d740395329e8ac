// Visits storage port. SQL lives here and nowhere else.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "visits/visits.h"

namespace linli::visits::repo {

// Active (or all) rules that apply at a place: the street's and its community's.
Result<std::vector<Rule>> rules(storage::Tx& tx, const registry::PlacePath& at, bool active_only);
Result<std::optional<Rule>> rule(storage::Tx& tx, int64_t id);
// by: none for the default rules linli gives a street.
Result<int64_t> insertRule(storage::Tx& tx, const registry::PlacePath& at, const Rule& r,
                           std::optional<int64_t> by, TimeMs now);
Status updateRule(storage::Tx& tx, const Rule& r);
Status deleteRule(storage::Tx& tx, int64_t id);
// Every street, and whether it has had the default rules.
Result<std::map<int64_t, bool>> streetsGivenDefaults(storage::Tx& tx);
// True when the street had not been marked as given its default rules.
Result<bool> markDefaultsGiven(storage::Tx& tx, int64_t street_id, TimeMs now);

// The last visit date of each of these residents that was visited at all.
Result<std::map<int64_t, std::string>> lastVisits(storage::Tx& tx, const std::vector<int64_t>& ids);
Result<int64_t> insertVisit(storage::Tx& tx, const registry::Resident& r, const NewVisit& v,
                            const std::string& on, std::optional<int64_t> request_id, int64_t by,
                            TimeMs now);
Result<std::vector<Visit>> history(storage::Tx& tx, int64_t resident_id);
Result<std::optional<Visit>> visitByKey(storage::Tx& tx, int64_t visitor, const std::string& key);
// True when this (resident, due date) had not been alerted yet.
Result<bool> insertAlert(storage::Tx& tx, int64_t resident_id, const std::string& due_on,
                         TimeMs now);

}  // namespace linli::visits::repo
