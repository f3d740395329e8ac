// The resident import: spreadsheet rows (already mapped to fields) checked
// as a whole, then written in one transaction.
#include <cmath>
#include <map>
#include <set>

#include "common/json_input.h"
#include "common/text_normalize.h"
#include "registry/guard.h"
#include "registry/personal_data.h"
#include "registry/repo.h"
#include "registry/vocabulary.h"

namespace linli::registry {

namespace {

struct Parsed {
  int row = 0;
  std::string name;
  IdNumber id;
  std::optional<std::string> phone;
  std::string building, unit, room, address, grid_ref;
  std::optional<std::vector<std::string>> tags, skills;  // nullopt: column not given
  std::vector<std::string> other_tags;                   // not built-in: custom tag names/codes
  std::optional<std::string> ethnicity, relation, residence_status, notes;
};

class RowReader {
 public:
  RowReader(const ImportRow& row, std::vector<ImportProblem>& problems)
      : row_(row), problems_(problems) {}

  std::optional<std::string> get(const std::string& field) const {
    for (const auto& [f, v] : row_.cells)
      if (f == field) {
        std::string t = normalizedInput(v);
        if (t.empty()) return std::nullopt;
        return t;
      }
    return std::nullopt;
  }
  bool mapped(const std::string& field) const {
    for (const auto& [f, v] : row_.cells)
      if (f == field) return true;
    return false;
  }
  void problem(const std::string& field, std::string reason) {
    problems_.push_back({row_.row, field, std::move(reason)});
  }
  std::string required(const std::string& field, size_t max_len) {
    auto v = get(field);
    if (!v) {
      problem(field, field + " is empty");
      return {};
    }
    if (json_input::utf8Length(*v) > max_len)
      problem(field, field + " is longer than " + std::to_string(max_len) + " characters");
    return *v;
  }

 private:
  const ImportRow& row_;
  std::vector<ImportProblem>& problems_;
};

// "1990-01-05", "1990/1/5", "1990年1月5日", "19900105", "1990.1.5" or an Excel serial number.
std::optional<CivilDate> parseLooseDate(const std::string& text) {
  std::string t = text;
  bool all_digits = !t.empty() && t.find_first_not_of("0123456789") == std::string::npos;
  if (all_digits && t.size() == 8)
    return isValidDate(std::stoi(t.substr(0, 4)), std::stoi(t.substr(4, 2)),
                       std::stoi(t.substr(6, 2)))
               ? std::optional<CivilDate>(CivilDate{std::stoi(t.substr(0, 4)),
                                                    std::stoi(t.substr(4, 2)),
                                                    std::stoi(t.substr(6, 2))})
               : std::nullopt;
  char* end = nullptr;
  double serial = std::strtod(t.c_str(), &end);
  if (end && *end == '\0' && !t.empty() && t.size() <= 8 && serial >= 1 && serial < 80000) {
    // Excel's 1900 date system: day 1 is 1900-01-01 and it counts a 29 Feb 1900 that never was.
    int64_t days = static_cast<int64_t>(std::floor(serial));
    return fromDays(toDays({1899, 12, 30}) + days);
  }
  int parts[3] = {0, 0, 0}, n = 0;
  std::string digits;
  for (size_t i = 0; i <= t.size(); ++i) {
    char c = i < t.size() ? t[i] : '/';
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (!digits.empty()) {
      if (n == 3) return std::nullopt;
      parts[n++] = std::stoi(digits);
      digits.clear();
    }
  }
  if (n != 3 || !isValidDate(parts[0], parts[1], parts[2])) return std::nullopt;
  return CivilDate{parts[0], parts[1], parts[2]};
}

Parsed parseRow(const ImportRow& row, const CivilDate& today,
                std::vector<ImportProblem>& problems) {
  RowReader r(row, problems);
  Parsed p;
  p.row = row.row;
  p.name = r.required("name", 32);
  std::string id_text = r.required("id_number", 32);
  if (!id_text.empty()) {
    if (id_text.find_first_of("eE") != std::string::npos &&
        id_text.find('+') != std::string::npos) {
      r.problem("id_number",
                "the ID number was stored as a number in scientific notation (" + id_text +
                    "), so Excel dropped its last digits; format the column as text and enter "
                    "the numbers again");
    } else {
      if (id_text.size() > 2 && id_text.substr(id_text.size() - 2) == ".0")
        id_text.resize(id_text.size() - 2);
      auto id = parseIdNumber(id_text, today);
      if (!id.ok())
        r.problem("id_number", id.status().message());
      else
        p.id = *id;
    }
  }
  if (auto phone = r.get("phone")) {
    auto normalized = normalizePhone(*phone);
    if (!normalized.ok())
      r.problem("phone", normalized.status().message());
    else
      p.phone = *normalized;
  }
  p.building = r.required("building", 64);
  p.unit = r.get("unit").value_or("1");
  p.room = r.required("room", 16);
  p.address = r.get("address").value_or(p.building);
  p.grid_ref = r.get("grid").value_or("");
  if (auto sex = r.get("sex")) {
    auto code = sexCode(*sex);
    if (!code)
      r.problem("sex", "sex must be 男 or 女");
    else if (!p.id.number.empty() && (*code == "female") != (p.id.sex == Sex::kFemale))
      r.problem("sex", "sex does not match the ID number");
  }
  if (auto birth = r.get("birth_date")) {
    auto d = parseLooseDate(*birth);
    if (!d)
      r.problem("birth_date", "birth date " + *birth + " is not a date");
    else if (!p.id.number.empty() && *d != p.id.birth_date)
      r.problem("birth_date",
                "birth date does not match the ID number (" + formatDate(p.id.birth_date) + ")");
  }
  p.ethnicity = r.get("ethnicity");
  if (auto rel = r.get("relation")) {
    p.relation = relationCode(*rel);
    if (!p.relation) r.problem("relation", "unknown relation to the householder: " + *rel);
  }
  if (auto rs = r.get("residence_status")) {
    p.residence_status = residenceStatusCode(*rs);
    if (!p.residence_status) r.problem("residence_status", "unknown residence status: " + *rs);
  }
  if (r.mapped("tags")) {
    p.tags.emplace();
    for (const auto& item : splitItems(r.get("tags").value_or(""))) {
      if (auto code = tagCode(item))
        p.tags->push_back(*code);
      else
        p.other_tags.push_back(item);
    }
  }
  if (r.mapped("skills")) {
    p.skills.emplace();
    for (const auto& item : splitItems(r.get("skills").value_or(""))) {
      auto code = skillCode(item);
      if (!code)
        r.problem("skills", "unknown skill: " + item);
      else
        p.skills->push_back(*code);
    }
  }
  p.notes = r.get("notes");
  if (p.notes && json_input::utf8Length(*p.notes) > 2000) r.problem("notes", "notes are too long");
  return p;
}

}  // namespace

Result<ImportSummary> Registry::importResidents(const Caller& caller,
                                                const std::vector<ImportRow>& rows,
                                                const ImportOptions& options) {
  return runImport(caller, rows, options, false);
}

Result<ImportSummary> Registry::importResidentsAsOperator(const std::vector<ImportRow>& rows,
                                                          const ImportOptions& options) {
  return runImport(Caller{std::nullopt, "cli", "operator"}, rows, options, true);
}

Result<ImportSummary> Registry::runImport(const Caller& caller, const std::vector<ImportRow>& rows,
                                          const ImportOptions& options, bool is_operator) {
  if (!keys_) return internalError("registry has no keys");
  if (!is_operator) {
    Status allowed = auth::require(caller, "registry.import");
    if (!allowed.ok()) return allowed;
  }
  const CivilDate today = dateAt(clock_.now());
  ImportSummary summary;
  summary.rows = static_cast<int64_t>(rows.size());

  // 1. Every row on its own.
  std::vector<Parsed> parsed;
  parsed.reserve(rows.size());
  std::map<std::string, int> first_row_of_id;
  for (const ImportRow& row : rows) {
    size_t before = summary.errors.size();
    Parsed p = parseRow(row, today, summary.errors);
    if (!p.id.number.empty()) {
      auto [it, fresh] = first_row_of_id.emplace(p.id.number, p.row);
      if (!fresh)
        summary.errors.push_back(
            {p.row, "id_number",
             "the same ID number is on row " + std::to_string(it->second) + " already"});
    }
    if (summary.errors.size() == before) parsed.push_back(std::move(p));
  }

  // 2. Against the database: grids, scope, custom tags; then write unless told not to.
  std::vector<Resident> changed;
  auto work = [&](storage::Tx& tx) -> Status {
    std::optional<int64_t> street;
    if (caller.principal) street = caller.principal->street_id;
    LINLI_ASSIGN_OR_RETURN(auto grids, repo::gridsOfStreet(tx, street));
    std::map<std::string, const repo::GridRow*> by_code;
    std::map<std::string, std::vector<const repo::GridRow*>> by_name;
    const repo::GridRow* default_grid = nullptr;
    for (const auto& g : grids) {
      by_code[g.code] = &g;
      by_name[g.name].push_back(&g);
      if (options.default_grid_id && g.id == *options.default_grid_id) default_grid = &g;
    }
    auto in_scope = [&](const repo::GridRow& g) {
      return !caller.principal || covers(placeOf(*caller.principal), g.place);
    };
    if (options.default_grid_id && (!default_grid || !in_scope(*default_grid)))
      return invalidArgument("default_grid_id", "no such grid in your scope");
    std::map<std::string, std::string> custom;  // code or name → code
    const int64_t tag_street = street.value_or(grids.empty() ? 0 : grids.front().place.street_id);
    LINLI_ASSIGN_OR_RETURN(auto tags, repo::customTags(tx, tag_street));
    for (const auto& t : tags) {
      custom[t.code] = t.code;
      custom[t.name] = t.code;
    }

    std::vector<const repo::GridRow*> grid_of(parsed.size(), nullptr);
    for (size_t i = 0; i < parsed.size(); ++i) {
      Parsed& p = parsed[i];
      const repo::GridRow* g = default_grid;
      if (!p.grid_ref.empty()) {
        auto c = by_code.find(p.grid_ref);
        auto n = by_name.find(p.grid_ref);
        if (c != by_code.end())
          g = c->second;
        else if (n != by_name.end() && n->second.size() == 1)
          g = n->second.front();
        else if (n != by_name.end()) {
          summary.errors.push_back(
              {p.row, "grid", "grid name " + p.grid_ref + " is ambiguous; use the grid code"});
          continue;
        } else {
          summary.errors.push_back({p.row, "grid", "no grid " + p.grid_ref});
          continue;
        }
      }
      if (!g) {
        summary.errors.push_back(
            {p.row, "grid", "no grid given; fill the grid column or choose a default grid"});
        continue;
      }
      if (!in_scope(*g)) {
        summary.errors.push_back({p.row, "grid", "grid " + g->name + " lies outside your scope"});
        continue;
      }
      grid_of[i] = g;
      for (const auto& t : p.other_tags) {
        auto it = custom.find(t);
        if (it == custom.end())
          summary.errors.push_back({p.row, "tags", "unknown tag: " + t});
        else
          p.tags->push_back(it->second);
      }
    }
    std::set<int> bad_rows;
    for (const auto& e : summary.errors) bad_rows.insert(e.row);
    summary.valid = static_cast<int64_t>(rows.size() - bad_rows.size());
    if (!summary.errors.empty()) return Status::Ok();

    std::map<std::pair<int64_t, std::string>, int64_t> building_ids;
    std::map<std::tuple<int64_t, std::string, std::string>, int64_t> household_ids;
    const TimeMs now = clock_.now();
    for (size_t i = 0; i < parsed.size(); ++i) {
      const Parsed& p = parsed[i];
      const repo::GridRow& g = *grid_of[i];
      std::string id_hash = lookupHash(*keys_, kIdPurpose, p.id.number);
      LINLI_ASSIGN_OR_RETURN(auto existing, repo::residentIdByIdHash(tx, id_hash));
      if (options.dry_run) {
        (existing ? summary.updated : summary.created)++;
        continue;
      }
      // Building and household, found or made.
      int64_t building_id;
      auto bkey = std::make_pair(g.id, p.building);
      if (auto it = building_ids.find(bkey); it != building_ids.end()) {
        building_id = it->second;
      } else {
        LINLI_ASSIGN_OR_RETURN(auto found, repo::buildingIdByName(tx, g.id, p.building));
        if (found) {
          building_id = *found;
        } else {
          Building b;
          b.place = g.place;
          b.name = p.building;
          b.address = p.address;
          LINLI_ASSIGN_OR_RETURN(building_id, repo::insertBuilding(tx, b, now));
        }
        building_ids[bkey] = building_id;
      }
      int64_t household_id;
      auto hkey = std::make_tuple(building_id, p.unit, p.room);
      if (auto it = household_ids.find(hkey); it != household_ids.end()) {
        household_id = it->second;
      } else {
        LINLI_ASSIGN_OR_RETURN(auto found,
                               repo::householdIdByRoom(tx, building_id, p.unit, p.room));
        if (found) {
          household_id = *found;
        } else {
          Household h;
          h.building_id = building_id;
          h.place = g.place;
          h.unit = p.unit;
          h.room = p.room;
          h.residence_type = "actual";
          repo::HouseholdSecrets hs;
          if (p.phone && p.relation.value_or("") == "householder") {
            StoredSecret s = storeSecret(*keys_, kPhonePurpose, *p.phone);
            hs = {s.sealed, s.hash};
            h.phone_last4 = s.last4;
          }
          LINLI_ASSIGN_OR_RETURN(household_id, repo::insertHousehold(tx, h, hs, now));
        }
        household_ids[hkey] = household_id;
      }

      Resident r;
      if (existing) {
        LINLI_ASSIGN_OR_RETURN(auto current, repo::findResident(tx, *existing));
        r = std::move(*current);
        if (r.household_id != household_id)
          LINLI_TRY(repo::addHistory(
              tx, r.id, now, today, "moved",
              nlohmann::json{{"from_household_id", std::to_string(r.household_id)},
                             {"to_household_id", std::to_string(household_id)},
                             {"source", "import"}}
                  .dump(),
              caller.principal ? std::optional(caller.principal->user_id) : std::nullopt));
      } else {
        r.status = "active";
        r.relation = "other";
        r.residence_status = "permanent";
      }
      r.household_id = household_id;
      r.building_id = building_id;
      r.place = g.place;
      r.name = p.name;
      r.id_last4 = p.id.last4();
      r.birth_date = p.id.birth_date;
      r.sex = p.id.sex;
      if (p.ethnicity) r.ethnicity = *p.ethnicity;
      if (p.relation) r.relation = *p.relation;
      if (p.residence_status) r.residence_status = *p.residence_status;
      if (p.tags) r.tags = *p.tags;
      if (p.skills) r.skills = *p.skills;
      if (p.notes) r.notes = *p.notes;
      r.address = p.address + " " + p.unit + "单元" + p.room + "室";
      std::optional<StoredSecret> phone;
      if (p.phone) {
        phone = storeSecret(*keys_, kPhonePurpose, *p.phone);
        r.phone_last4 = phone->last4;
      }
      if (existing) {
        LINLI_TRY(repo::updateResident(tx, r, now));
        if (phone) LINLI_TRY(repo::setPhone(tx, r.id, phone->sealed, phone->hash, phone->last4));
        ++summary.updated;
      } else {
        StoredSecret sid = storeSecret(*keys_, kIdPurpose, p.id.number, id_hash);
        repo::ResidentSecrets secrets{sid.sealed, sid.hash, std::nullopt, std::nullopt};
        if (phone) {
          secrets.phone_sealed = phone->sealed;
          secrets.phone_hash = phone->hash;
        }
        LINLI_ASSIGN_OR_RETURN(r.id, repo::insertResident(tx, r, secrets, now));
        ++summary.created;
      }
      if (!listeners_.empty()) changed.push_back(std::move(r));
      if (options.progress && (i + 1) % 2000 == 0) options.progress(i + 1, parsed.size());
    }
    if (options.dry_run) return Status::Ok();
    if (audit_)
      LINLI_TRY(audit_->record(
          tx, caller,
          {.action = "registry.import",
           .target_type = "residents",
           .detail = {{"rows", summary.rows},
                      {"created", summary.created},
                      {"updated", summary.updated},
                      {"source", options.source}},
           .actor_username = is_operator ? std::optional<std::string>("operator") : std::nullopt}));
    summary.committed = true;
    return Status::Ok();
  };
  Status st = options.dry_run || !summary.errors.empty() ? db_.read(work) : db_.write(work);
  if (!st.ok()) return st;
  if (!summary.committed) {
    summary.created = options.dry_run ? summary.created : 0;
    summary.updated = options.dry_run ? summary.updated : 0;
  }
  if (options.progress) options.progress(parsed.size(), parsed.size());
  for (const auto& r : changed) notify(r);
  std::sort(summary.errors.begin(), summary.errors.end(),
            [](const ImportProblem& a, const ImportProblem& b) { return a.row < b.row; });
  return summary;
}

}  // namespace linli::registry
