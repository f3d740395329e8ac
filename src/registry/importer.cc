// The resident import: rows read from a source, each checked on its own and
// against the street's grids and tags, then written in one transaction. A
// parsing thread checks and seals the next rows while this thread writes; the
// first bad row stops the writing, the rest are still checked so every
// problem is listed, and the transaction is rolled back.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <thread>

#include "common/hand_over.h"
#include "common/json_input.h"
#include "common/text_check.h"
#include "common/text_normalize.h"
#include "personal/personal_data.h"
#include "registry/guard.h"
#include "registry/repo.h"
#include "registry/vocabulary.h"

namespace linli::registry {

namespace {

constexpr size_t kBatchRows = 1024;
constexpr size_t kBatchesInFlight = 8;

const std::string& fieldName(ImportField f) { return importFields()[f]; }

struct Parsed {
  int row = 0;
  std::string name;
  IdNumber id;
  std::optional<std::string> phone;
  std::string building, unit, room, address, grid_ref;
  std::optional<std::vector<std::string>> tags, skills;  // nullopt: column not given
  std::vector<std::string> other_tags;                   // not built-in: custom tag names/codes
  std::optional<std::string> ethnicity, relation, residence_status, notes;
  // Filled once the row is known good:
  const repo::GridRow* grid = nullptr;
  std::string id_hash, id_sealed;
  std::optional<personal::StoredSecret> phone_secret;
  repo::ResidentInsert insert;  // the row as a new resident, ids to be set by the writer
};

class RowReader {
 public:
  RowReader(const ImportRow& row, const std::array<bool, kImportFieldCount>& mapped,
            std::vector<ImportProblem>& problems)
      : row_(row), mapped_(mapped), problems_(problems) {}

  std::optional<std::string> get(ImportField field) const {
    if (row_.cells[field].empty()) return std::nullopt;
    std::string t = normalizedInput(row_.cells[field]);
    if (t.empty()) return std::nullopt;
    return t;
  }
  bool mapped(ImportField field) const { return mapped_[field]; }
  void problem(ImportField field, std::string reason, std::string key, MessageParams params = {}) {
    params.emplace_back("column", fieldName(field));
    problems_.push_back(
        {row_.row, fieldName(field), std::move(reason), std::move(key), std::move(params)});
  }
  void problem(ImportField field, const Status& st) {
    problem(field, st.message(), st.key().empty() ? "import.invalid" : st.key(), st.params());
  }
  std::string required(ImportField field, size_t max_len) {
    auto v = get(field);
    if (!v) {
      problem(field, fieldName(field) + " is empty", "import.empty");
      return {};
    }
    if (json_input::utf8Length(*v) > max_len)
      problem(field,
              fieldName(field) + " is longer than " + std::to_string(max_len) + " characters",
              "import.too_long", {{"max", std::to_string(max_len)}});
    return *v;
  }

 private:
  const ImportRow& row_;
  const std::array<bool, kImportFieldCount>& mapped_;
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

Parsed parseRow(const ImportRow& row, const std::array<bool, kImportFieldCount>& mapped,
                const CivilDate& today, std::vector<ImportProblem>& problems) {
  RowReader r(row, mapped, problems);
  Parsed p;
  p.row = row.row;
  p.name = r.required(kFieldName, 32);
  if (!p.name.empty() && !checkName(p.name, "name").ok())
    r.problem(kFieldName, "the name has control or direction-changing characters",
              "name.control_chars");
  std::string id_text = r.required(kFieldIdNumber, 32);
  if (!id_text.empty()) {
    if (id_text.find_first_of("eE") != std::string::npos &&
        id_text.find('+') != std::string::npos) {
      r.problem(kFieldIdNumber,
                "the ID number was stored as a number in scientific notation (" + id_text +
                    "), so Excel dropped its last digits; format the column as text and enter "
                    "the numbers again",
                "id_number.scientific", {{"value", id_text}});
    } else {
      if (id_text.size() > 2 && id_text.substr(id_text.size() - 2) == ".0")
        id_text.resize(id_text.size() - 2);
      auto id = parseIdNumber(id_text, today);
      if (!id.ok())
        r.problem(kFieldIdNumber, id.status());
      else
        p.id = *id;
    }
  }
  if (auto phone = r.get(kFieldPhone)) {
    auto normalized = personal::normalizePhone(*phone);
    if (!normalized.ok())
      r.problem(kFieldPhone, normalized.status());
    else
      p.phone = *normalized;
  }
  p.building = r.required(kFieldBuilding, 64);
  p.unit = r.get(kFieldUnit).value_or("1");
  p.room = r.required(kFieldRoom, 16);
  p.address = r.get(kFieldAddress).value_or(p.building);
  p.grid_ref = r.get(kFieldGrid).value_or("");
  if (auto sex = r.get(kFieldSex)) {
    auto code = sexCode(*sex);
    if (!code)
      r.problem(kFieldSex, "sex must be 男 or 女", "sex.values");
    else if (!p.id.number.empty() && (*code == "female") != (p.id.sex == Sex::kFemale))
      r.problem(kFieldSex, "sex does not match the ID number", "sex.mismatch");
  }
  if (auto birth = r.get(kFieldBirthDate)) {
    auto d = parseLooseDate(*birth);
    if (!d)
      r.problem(kFieldBirthDate, "birth date " + *birth + " is not a date", "birth_date.invalid",
                {{"value", *birth}});
    else if (!p.id.number.empty() && *d != p.id.birth_date)
      r.problem(kFieldBirthDate,
                "birth date does not match the ID number (" + formatDate(p.id.birth_date) + ")",
                "birth_date.mismatch", {{"date", formatDate(p.id.birth_date)}});
  }
  p.ethnicity = r.get(kFieldEthnicity);
  if (auto rel = r.get(kFieldRelation)) {
    p.relation = relationCode(*rel);
    if (!p.relation)
      r.problem(kFieldRelation, "unknown relation to the householder: " + *rel, "relation.unknown",
                {{"value", *rel}});
  }
  if (auto rs = r.get(kFieldResidenceStatus)) {
    p.residence_status = residenceStatusCode(*rs);
    if (!p.residence_status)
      r.problem(kFieldResidenceStatus, "unknown residence status: " + *rs,
                "residence_status.unknown", {{"value", *rs}});
  }
  if (r.mapped(kFieldTags)) {
    p.tags.emplace();
    for (const auto& item : splitItems(r.get(kFieldTags).value_or(""))) {
      if (auto code = tagCode(item))
        p.tags->push_back(*code);
      else
        p.other_tags.push_back(item);
    }
  }
  if (r.mapped(kFieldSkills)) {
    p.skills.emplace();
    for (const auto& item : splitItems(r.get(kFieldSkills).value_or(""))) {
      auto code = skillCode(item);
      if (!code)
        r.problem(kFieldSkills, "unknown skill: " + item, "skills.unknown", {{"value", item}});
      else
        p.skills->push_back(*code);
    }
  }
  p.notes = r.get(kFieldNotes);
  if (p.notes && json_input::utf8Length(*p.notes) > 2000)
    r.problem(kFieldNotes, "notes are too long", "notes.too_long");
  return p;
}

// What a row is checked against: the street's grids and custom tags, in the caller's scope.
struct ImportPlaces {
  std::map<std::string, const repo::GridRow*> by_code;
  std::map<std::string, std::vector<const repo::GridRow*>> by_name;
  const repo::GridRow* default_grid = nullptr;
  std::map<std::string, std::string> custom_tags;  // code or name → code
  std::optional<PlacePath> scope;                  // nullopt: the operator, everywhere

  // The row's grid, or a problem; custom tags resolved into p.tags.
  void resolve(Parsed& p, std::vector<ImportProblem>& problems) const {
    const repo::GridRow* g = default_grid;
    if (!p.grid_ref.empty()) {
      auto c = by_code.find(p.grid_ref);
      auto n = by_name.find(p.grid_ref);
      if (c != by_code.end()) {
        g = c->second;
      } else if (n != by_name.end() && n->second.size() == 1) {
        g = n->second.front();
      } else if (n != by_name.end()) {
        problems.push_back({p.row,
                            "grid",
                            "grid name " + p.grid_ref + " is ambiguous; use the grid code",
                            "grid.ambiguous",
                            {{"value", p.grid_ref}}});
        return;
      } else {
        problems.push_back(
            {p.row, "grid", "no grid " + p.grid_ref, "grid.unknown", {{"value", p.grid_ref}}});
        return;
      }
    }
    if (!g) {
      problems.push_back({p.row, "grid",
                          "no grid given; fill the grid column or choose a default grid",
                          "grid.missing"});
      return;
    }
    if (scope && !covers(*scope, g->place)) {
      problems.push_back({p.row,
                          "grid",
                          "grid " + g->name + " lies outside your scope",
                          "grid.outside_scope",
                          {{"value", g->name}}});
      return;
    }
    p.grid = g;
    for (const auto& t : p.other_tags) {
      auto it = custom_tags.find(t);
      if (it == custom_tags.end())
        problems.push_back({p.row, "tags", "unknown tag: " + t, "tags.unknown", {{"value", t}}});
      else
        p.tags->push_back(it->second);
    }
  }
};

// What the row says about a resident, over what was there.
void applyRow(const Parsed& p, int64_t building_id, int64_t household_id, Resident& r) {
  r.household_id = household_id;
  r.building_id = building_id;
  r.place = p.grid->place;
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
  if (p.phone_secret) r.phone_last4 = p.phone_secret->last4;
}

// The row as a new resident, with the defaults of a new one.
// Takes the sealed ID number, which an update does not need.
repo::ResidentInsert newResident(Parsed& p, TimeMs now) {
  Resident r;
  r.status = "active";
  r.relation = "other";
  r.residence_status = "permanent";
  applyRow(p, 0, 0, r);
  repo::ResidentSecrets secrets{std::move(p.id_sealed), p.id_hash, std::nullopt, std::nullopt};
  if (p.phone_secret) {
    secrets.phone_sealed = p.phone_secret->sealed;
    secrets.phone_hash = p.phone_secret->hash;
  }
  return repo::residentInsert(std::move(r), std::move(secrets), now);
}

// The first 17 digits fix an ID number (the 18th is their check character).
uint64_t idKey(const std::string& number) {
  uint64_t key = 0;
  for (size_t i = 0; i < 17; ++i) key = key * 10 + static_cast<uint64_t>(number[i] - '0');
  return key;
}

// Rows that repeat an earlier row's ID number, once all are read: sorting a
// million keys costs less than a hash map built row by row.
void findRepeatedIds(std::vector<std::pair<uint64_t, int>>& ids,
                     std::vector<ImportProblem>& errors) {
  std::sort(ids.begin(), ids.end());
  for (size_t i = 1, first = 0; i < ids.size(); ++i) {
    if (ids[i].first != ids[first].first) {
      first = i;
      continue;
    }
    errors.push_back(
        {ids[i].second,
         "id_number",
         "the same ID number is on row " + std::to_string(ids[first].second) + " already",
         "id_number.repeated",
         {{"row", std::to_string(ids[first].second)}}});
  }
}

// The parsing thread's share: read, check and seal rows, hand them over in batches.
struct Checked {
  std::vector<ImportProblem> errors;
  int64_t rows = 0;
  Status read_status;
};

void checkRows(ImportSource& source, const ImportPlaces& places, const crypto::Keys& keys,
               const CivilDate& today, TimeMs now, bool dry_run, HandOver<std::vector<Parsed>>& out,
               HandOver<std::vector<Parsed>>& spent, std::atomic<bool>& failed, Checked& checked) {
  const crypto::PurposeKeys id_keys = keys.forPurpose(personal::kIdPurpose);
  const crypto::PurposeKeys phone_keys = keys.forPurpose(personal::kPhonePurpose);
  std::vector<std::pair<uint64_t, int>> ids;  // (ID number, row)
  std::vector<Parsed> batch;
  ImportRow row;
  for (;;) {
    auto more = source.next(row);
    if (!more.ok()) {
      checked.read_status = more.status();
      failed = true;
      break;
    }
    if (!*more) break;
    ++checked.rows;
    const size_t before = checked.errors.size();
    Parsed p = parseRow(row, source.mapped(), today, checked.errors);
    if (!p.id.number.empty()) ids.emplace_back(idKey(p.id.number), p.row);
    if (checked.errors.size() == before) places.resolve(p, checked.errors);
    if (checked.errors.size() != before) {
      failed = true;
      continue;
    }
    // Once anything failed nothing is written, but good rows still go to the
    // writer, which checks whose ID numbers they carry.
    p.id_hash = personal::lookupHash(id_keys, p.id.number);
    if (!dry_run && !failed) {
      p.id_sealed = id_keys.seal(p.id.number);
      if (p.phone)
        p.phone_secret =
            personal::storeSecret(phone_keys, *p.phone, personal::lookupHash(phone_keys, *p.phone));
      p.insert = newResident(p, now);
    }
    batch.push_back(std::move(p));
    if (batch.size() == kBatchRows) {
      // Written batches are freed here, where their memory came from: freed
      // by the writer, another thread's allocations cost it a lock each.
      while (spent.tryPop()) {
      }
      if (!out.push(std::move(batch))) return;
      batch.clear();
      batch.reserve(kBatchRows);
    }
  }
  const size_t before = checked.errors.size();
  findRepeatedIds(ids, checked.errors);
  if (checked.errors.size() != before) failed = true;
  if (!batch.empty()) out.push(std::move(batch));
  out.finish();
}

using BuildingIds = std::map<std::pair<int64_t, std::string>, int64_t>;
// The household of the last row: a household's members come one after another
// in a file, and any that do not are found in the database.
struct LastHousehold {
  int64_t building_id = 0, id = 0;
  std::string unit, room;
};

// The row's building and household, found or made: (building id, household id).
Result<std::pair<int64_t, int64_t>> placeRow(storage::Tx& tx, const Parsed& p,
                                             BuildingIds& buildings, LastHousehold& last,
                                             int64_t& next_household, TimeMs now) {
  const repo::GridRow& g = *p.grid;
  int64_t building_id;
  auto bkey = std::make_pair(g.id, p.building);
  if (auto it = buildings.find(bkey); it != buildings.end()) {
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
    buildings.emplace(std::move(bkey), building_id);
  }
  if (last.id && last.building_id == building_id && last.unit == p.unit && last.room == p.room)
    return std::make_pair(building_id, last.id);
  Household h;
  h.building_id = building_id;
  h.place = g.place;
  h.unit = p.unit;
  h.room = p.room;
  h.residence_type = "actual";
  repo::HouseholdSecrets hs;
  if (p.phone_secret && p.relation.value_or("") == "householder") {
    hs = {p.phone_secret->sealed, p.phone_secret->hash};
    h.phone_last4 = p.phone_secret->last4;
  }
  int64_t household_id = next_household;
  LINLI_ASSIGN_OR_RETURN(bool inserted, repo::insertHouseholdIfNew(tx, household_id, h, hs, now));
  if (inserted) {
    ++next_household;
  } else {
    LINLI_ASSIGN_OR_RETURN(auto found, repo::householdIdByRoom(tx, building_id, p.unit, p.room));
    if (!found) return internalError("household vanished during import");
    household_id = *found;
  }
  last = {building_id, household_id, p.unit, p.room};
  return std::make_pair(building_id, household_id);
}

// What a row hears when its ID number belongs to a resident outside the
// importer's area: what to do, and nothing about that resident.
constexpr std::string_view kHeldElsewhere =
    "this ID number is registered outside your area; ask the community that holds the "
    "resident's record to move them to you, then import again";

// Creates the resident, or updates the one with the same ID number when
// `in_scope` allows it; their id, or nullopt when it does not.
Result<std::optional<int64_t>> writeRow(
    storage::Tx& tx, std::optional<int64_t> actor, Parsed& p, std::pair<int64_t, int64_t> place,
    int64_t& next_resident, const CivilDate& today, TimeMs now, ImportSummary& summary,
    const std::function<bool(const Parsed&, const std::optional<repo::IdHolder>&)>& in_scope) {
  LINLI_ASSIGN_OR_RETURN(bool inserted, repo::insertResidentIfNew(tx, next_resident, place.second,
                                                                  place.first, p.insert));
  if (inserted) {
    ++summary.created;
    return std::optional<int64_t>(next_resident++);
  }
  LINLI_ASSIGN_OR_RETURN(auto existing, repo::idHolder(tx, p.id_hash));
  if (!existing) return internalError("resident vanished during import");
  if (!in_scope(p, existing)) return std::optional<int64_t>();
  LINLI_ASSIGN_OR_RETURN(auto current, repo::findResident(tx, existing->id));
  if (!current) return internalError("resident vanished during import");
  if (current->household_id != place.second)
    LINLI_TRY(repo::addHistory(
        tx, current->id, now, today, "moved",
        nlohmann::json{{"from_household_id", std::to_string(current->household_id)},
                       {"to_household_id", std::to_string(place.second)},
                       {"source", "import"}}
            .dump(),
        actor));
  applyRow(p, place.first, place.second, *current);
  LINLI_TRY(repo::updateResident(tx, *current, now));
  if (p.phone_secret)
    LINLI_TRY(repo::setPhone(tx, current->id, p.phone_secret->sealed, p.phone_secret->hash,
                             p.phone_secret->last4));
  ++summary.updated;
  return std::optional<int64_t>(current->id);
}

}  // namespace

Result<ImportSummary> Registry::importResidents(const Caller& caller, ImportSource& rows,
                                                const ImportOptions& options) {
  return runImport(caller, rows, options, false);
}

Result<ImportSummary> Registry::importResidentsAsOperator(ImportSource& rows,
                                                          const ImportOptions& options) {
  return runImport(Caller{std::nullopt, "cli", "operator"}, rows, options, true);
}

Result<ImportSummary> Registry::runImport(const Caller& caller, ImportSource& source,
                                          const ImportOptions& options, bool is_operator) {
  if (!keys_) return internalError("registry has no keys");
  if (!is_operator) {
    Status allowed = access::require(caller, "registry.import");
    if (!allowed.ok()) return allowed;
  }
  const CivilDate today = dateAt(clock_.now());
  const TimeMs now = clock_.now();
  ImportSummary summary;
  std::vector<int64_t> changed;  // resident ids, for the listeners once committed
  bool has_errors = false;

  auto work = [&](storage::Tx& tx) -> Status {
    // 1. The street's grids and custom tags, which rows are checked against.
    std::optional<int64_t> street;
    if (caller.principal) street = caller.principal->street_id;
    LINLI_ASSIGN_OR_RETURN(auto grids, repo::gridsOfStreet(tx, street));
    ImportPlaces places;
    if (caller.principal) places.scope = placeOf(*caller.principal);
    for (const auto& g : grids) {
      places.by_code[g.code] = &g;
      places.by_name[g.name].push_back(&g);
      if (options.default_grid_id && g.id == *options.default_grid_id) places.default_grid = &g;
    }
    if (options.default_grid_id &&
        (!places.default_grid ||
         (places.scope && !covers(*places.scope, places.default_grid->place))))
      return invalidArgument("default_grid_id", "no such grid in your scope");
    const int64_t tag_street = street.value_or(grids.empty() ? 0 : grids.front().place.street_id);
    LINLI_ASSIGN_OR_RETURN(auto tags, repo::customTags(tx, tag_street));
    for (const auto& t : tags) {
      places.custom_tags[t.code] = t.code;
      places.custom_tags[t.name] = t.code;
    }

    // 2. Rows checked on a second thread, written here as they come.
    HandOver<std::vector<Parsed>> batches(kBatchesInFlight), spent(2 * kBatchesInFlight);
    std::atomic<bool> failed = false;
    Checked checked;
    std::thread checker([&] {
      checkRows(source, places, *keys_, today, now, options.dry_run, batches, spent, failed,
                checked);
    });
    auto stop = [&] {
      batches.abandon();
      if (checker.joinable()) checker.join();
    };
    struct Finally {
      std::function<void()> f;
      ~Finally() { f(); }
    } finally{stop};

    LINLI_ASSIGN_OR_RETURN(int64_t next_resident, repo::nextResidentId(tx));
    LINLI_ASSIGN_OR_RETURN(int64_t next_household, repo::nextHouseholdId(tx));
    BuildingIds building_ids;
    LastHousehold last_household;
    const std::optional<int64_t> actor =
        caller.principal ? std::optional(caller.principal->user_id) : std::nullopt;
    std::vector<ImportProblem> held_elsewhere;
    auto heldInScope = [&](const Parsed& p, const std::optional<repo::IdHolder>& holder) {
      if (!holder || !places.scope || covers(*places.scope, holder->place)) return true;
      held_elsewhere.push_back(
          {p.row, "id_number", std::string(kHeldElsewhere), "id_number.held_elsewhere"});
      failed = true;
      return false;
    };
    while (auto batch = batches.pop()) {
      for (Parsed& p : *batch) {
        if (options.dry_run || failed) {
          LINLI_ASSIGN_OR_RETURN(auto holder, repo::idHolder(tx, p.id_hash));
          if (heldInScope(p, holder)) (holder ? summary.updated : summary.created)++;
          continue;
        }
        LINLI_ASSIGN_OR_RETURN(auto ids,
                               placeRow(tx, p, building_ids, last_household, next_household, now));
        LINLI_ASSIGN_OR_RETURN(
            auto id, writeRow(tx, actor, p, ids, next_resident, today, now, summary, heldInScope));
        if (id && !listeners_.empty()) changed.push_back(*id);
      }
      if (options.progress) {
        auto [at, total] = source.progress();
        options.progress(at, total);
      }
      spent.tryPush(*batch);
    }
    stop();
    LINLI_TRY(checked.read_status);
    summary.rows = checked.rows;
    std::set<int> bad_rows;
    checked.errors.insert(checked.errors.end(), held_elsewhere.begin(), held_elsewhere.end());
    for (const auto& e : checked.errors) bad_rows.insert(e.row);
    summary.valid = summary.rows - static_cast<int64_t>(bad_rows.size());
    summary.errors = std::move(checked.errors);
    if (!summary.errors.empty()) {
      has_errors = true;
      return invalidArgument("rows", "bad rows: nothing written");  // rolls back
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
  Status st = options.dry_run ? db_.read(work) : db_.write(work);
  if (!st.ok() && !has_errors) return st;
  if (!summary.committed && !options.dry_run) summary.created = summary.updated = 0;
  if (has_errors && options.dry_run) summary.created = summary.updated = 0;
  if (options.progress) options.progress(source.progress().second, source.progress().second);
  if (!changed.empty()) LINLI_TRY(notifyChanged(changed));
  std::sort(summary.errors.begin(), summary.errors.end(),
            [](const ImportProblem& a, const ImportProblem& b) { return a.row < b.row; });
  return summary;
}

}  // namespace linli::registry
