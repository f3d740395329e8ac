// Deadlines and escalation (吹哨): a street's business days, the escalation
// levels, and each level called on a request with its report-in (报到).
#include "requests/repo.h"
#include "requests/repo_rows.h"

namespace linli::requests::repo {

using storage::Row;
using storage::Value;

Result<BusinessCalendar> calendar(storage::Tx& tx, int64_t street_id) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT date, kind FROM business_days WHERE street_id = ?", {street_id}));
  BusinessCalendar cal;
  for (const Row& r : rows)
    if (auto d = parseDate(r.str(0)))
      cal.set(*d, r.str(1) == "holiday" ? BusinessCalendar::Day::kHoliday
                                        : BusinessCalendar::Day::kWorkday);
  return cal;
}

Result<std::vector<std::pair<CivilDate, std::string>>> businessDays(storage::Tx& tx,
                                                                    int64_t street_id, int year) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows,
      tx.query("SELECT date, kind FROM business_days WHERE street_id = ? AND "
               "date >= ? AND date < ? ORDER BY date",
               {street_id, std::to_string(year) + "-01-01", std::to_string(year + 1) + "-01-01"}));
  std::vector<std::pair<CivilDate, std::string>> out;
  for (const Row& r : rows)
    if (auto d = parseDate(r.str(0))) out.emplace_back(*d, r.str(1));
  return out;
}

Status setBusinessDay(storage::Tx& tx, int64_t street_id, const CivilDate& date,
                      const std::string& kind) {
  if (kind == "normal")
    return tx
        .exec("DELETE FROM business_days WHERE street_id = ? AND date = ?",
              {street_id, formatDate(date)})
        .status();
  return tx
      .exec(
          "INSERT INTO business_days (street_id, date, kind) VALUES (?, ?, ?) "
          "ON CONFLICT (street_id, date) DO UPDATE SET kind = excluded.kind",
          {street_id, formatDate(date), kind})
      .status();
}

Result<std::vector<EscalationLevel>> escalationLevels(storage::Tx& tx) {
  LINLI_ASSIGN_OR_RETURN(auto rows,
                         tx.query("SELECT level, color, called, called_en, "
                                  "report_in_hours FROM escalation_levels ORDER BY level",
                                  {}));
  std::vector<EscalationLevel> out;
  for (const Row& r : rows)
    out.push_back(
        {static_cast<int>(r.i64(0)), r.str(1), r.str(2), r.str(3), static_cast<int>(r.i64(4))});
  return out;
}

Status addEscalation(storage::Tx& tx, int64_t request_id, const Escalation& e) {
  return tx
      .exec(
          "INSERT INTO request_escalations (request_id, level, color, called, at, "
          "report_in_due) VALUES (?, ?, ?, ?, ?, ?)",
          {request_id, int64_t{e.level}, e.color, e.called, e.at, e.report_in_due})
      .status();
}

Result<std::optional<Escalation>> currentEscalation(storage::Tx& tx, int64_t request_id) {
  LINLI_ASSIGN_OR_RETURN(
      auto rows, tx.query("SELECT id, level, color, called, at, report_in_due, reported_at FROM "
                          "request_escalations WHERE request_id = ? ORDER BY level DESC LIMIT 1",
                          {request_id}));
  if (rows.empty()) return std::optional<Escalation>();
  const Row& r = rows.front();
  return std::optional<Escalation>(Escalation{r.i64(0), static_cast<int>(r.i64(1)), r.str(2),
                                              r.str(3), r.i64(4), r.i64(5), r.optI64(6)});
}

Status markReportedIn(storage::Tx& tx, int64_t escalation_id, TimeMs at, int64_t by) {
  return tx
      .exec("UPDATE request_escalations SET reported_at = ?, reported_by = ? WHERE id = ?",
            {at, by, escalation_id})
      .status();
}

}  // namespace linli::requests::repo
