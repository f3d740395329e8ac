#include "visits/repo.h"

namespace linli::visits::repo {

using storage::Row;
using storage::Value;

namespace {
constexpr const char* kRuleColumns = "id, name, filter, every_days, active, community_id";
Rule ruleFrom(const Row& r) {
  return {r.i64(0),
          r.str(1),
          nlohmann::json::parse(r.str(2), nullptr, false),
          static_cast<int>(r.i64(3)),
          r.i64(4) != 0,
          r.optI64(5)};
}
}  // namespace

Result<std::vector<Rule>> rules(storage::Tx& tx, const registry::PlacePath& at, bool active_only) {
  std::string sql = std::string("SELECT ") + kRuleColumns +
                    " FROM visit_rules WHERE street_id = ? AND (community_id IS NULL";
  std::vector<Value> params = {at.street_id};
  if (at.community_id) {
    sql += " OR community_id = ?";
    params.emplace_back(*at.community_id);
  }
  sql += ")";
  if (active_only) sql += " AND active = 1";
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(sql + " ORDER BY id", params));
  std::vector<Rule> out;
  for (const Row& r : rows) out.push_back(ruleFrom(r));
  return out;
}

Result<std::optional<Rule>> rule(storage::Tx& tx, int64_t id) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kRuleColumns +
                                                 ", street_id FROM visit_rules WHERE id = ?",
                                             {id}));
  if (rows.empty()) return std::optional<Rule>();
  return std::optional<Rule>(ruleFrom(rows.front()));
}

Result<int64_t> insertRule(storage::Tx& tx, const registry::PlacePath& at, const Rule& r,
                           std::optional<int64_t> by, TimeMs now) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("INSERT INTO visit_rules (street_id, community_id, name, filter, every_days, "
               "active, created_by, created_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
               {at.street_id, storage::optionalValue(at.community_id), r.name, r.filter.dump(),
                int64_t{r.every_days}, storage::optionalValue(by), now}));
  return rows.front().i64(0);
}

Status updateRule(storage::Tx& tx, const Rule& r) {
  return tx
      .exec("UPDATE visit_rules SET name = ?, every_days = ?, active = ? WHERE id = ?",
            {r.name, int64_t{r.every_days}, int64_t{r.active}, r.id})
      .status();
}

Status deleteRule(storage::Tx& tx, int64_t id) {
  return tx.exec("DELETE FROM visit_rules WHERE id = ?", {id}).status();
}

Result<std::map<int64_t, bool>> streetsGivenDefaults(storage::Tx& tx) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT s.id, d.street_id IS NOT NULL FROM streets s "
                                             "LEFT JOIN visit_rule_defaults d ON d.street_id = "
                                             "s.id ORDER BY s.id",
                                             {}));
  std::map<int64_t, bool> out;
  for (const Row& r : rows) out[r.i64(0)] = r.i64(1) != 0;
  return out;
}

Result<bool> markDefaultsGiven(storage::Tx& tx, int64_t street_id, TimeMs now) {
  LINLI_ASSIGN_OR_RETURN(int64_t n, tx.exec("INSERT INTO visit_rule_defaults (street_id, "
                                            "seeded_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                                            {street_id, now}));
  return n > 0;
}

Result<std::map<int64_t, std::string>> lastVisits(storage::Tx& tx,
                                                  const std::vector<int64_t>& ids) {
  std::string json = "[";
  for (size_t i = 0; i < ids.size(); ++i) json += (i ? "," : "") + std::to_string(ids[i]);
  json += "]";
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT v.resident_id, MAX(v.visited_on) FROM json_each(?) j JOIN "
                          "visits v ON v.resident_id = j.value GROUP BY v.resident_id",
                          {json}));
  std::map<int64_t, std::string> out;
  for (const Row& r : rows) out[r.i64(0)] = r.str(1);
  return out;
}

Result<int64_t> insertVisit(storage::Tx& tx, const registry::Resident& r, const NewVisit& v,
                            const std::string& on, std::optional<int64_t> request_id, int64_t by,
                            TimeMs now) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query(
          "INSERT INTO visits (resident_id, street_id, community_id, grid_id, visited_on, "
          "visitor_id, outcome, notes, request_id, created_at, idempotency_key) VALUES (?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {r.id, r.place.street_id, storage::optionalValue(r.place.community_id),
           storage::optionalValue(r.place.grid_id), on, by, v.outcome, v.notes,
           storage::optionalValue(request_id), now, storage::optionalValue(v.idempotency_key)}));
  return rows.front().i64(0);
}

namespace {
constexpr const char* kVisitSelect =
    "SELECT v.id, v.resident_id, v.visited_on, v.outcome, v.notes, COALESCE(u.display_name, ''), "
    "v.request_id, COALESCE(q.number, '') FROM visits v LEFT JOIN users u ON u.id = v.visitor_id "
    "LEFT JOIN requests q ON q.id = v.request_id ";
Visit visitFrom(const Row& r) {
  return {r.i64(0),    r.i64(1), parseDate(r.str(2)).value_or(CivilDate{}),
          r.str(3),    r.str(4), r.str(5),
          r.optI64(6), r.str(7)};
}
}  // namespace

Result<std::optional<Visit>> visitByKey(storage::Tx& tx, int64_t visitor, const std::string& key) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(std::string(kVisitSelect) +
                                                 "WHERE v.visitor_id = ? AND v.idempotency_key = ?",
                                             {visitor, key}));
  if (rows.empty()) return std::optional<Visit>();
  return std::optional<Visit>(visitFrom(rows.front()));
}

Result<std::vector<Visit>> history(storage::Tx& tx, int64_t resident_id) {
  LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(std::string(kVisitSelect) +
                                                 "WHERE v.resident_id = ? ORDER BY v.visited_on "
                                                 "DESC, v.id DESC LIMIT 100",
                                             {resident_id}));
  std::vector<Visit> out;
  for (const Row& r : rows) out.push_back(visitFrom(r));
  return out;
}

Result<bool> insertAlert(storage::Tx& tx, int64_t resident_id, const std::string& due_on,
                         TimeMs now) {
  LINLI_ASSIGN_OR_RETURN(int64_t n, tx.exec("INSERT INTO visit_alerts (resident_id, due_on, "
                                            "created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                            {resident_id, due_on, now}));
  return n > 0;
}

}  // namespace linli::visits::repo
