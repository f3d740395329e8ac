// Registry model: the plain structs of buildings, households, residents and
// assets, and the fixed vocabularies (special-group tags, skills, relations,
// residence statuses). Personal data never appears here in clear except in
// the input structs; outputs carry only the last 4 characters.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/access.h"
#include "common/civil_date.h"
#include "common/id_number.h"

namespace linli::registry {

using PlacePath = access::PlacePath;

// Built-in special groups (glossary); custom tags live in the tags table.
const std::vector<std::string_view>& builtinTags();
const std::vector<std::string_view>& skillCodes();
const std::vector<std::string_view>& relationCodes();
const std::vector<std::string_view>&
residenceStatusCodes();  // registered permanent floating nominal
const std::vector<std::string_view>& assetKinds();
bool oneOf(const std::vector<std::string_view>& codes, std::string_view code);

// "*******1234": what lists show of a phone or an ID number.
std::string maskedPhone(const std::string& last4);
std::string maskedIdNumber(const std::string& last4);

struct Building {
  int64_t id = 0;
  PlacePath place;
  std::string community_name, grid_name;
  std::string name, address;
  int units = 1, floors = 1, elevators = 0;
  std::optional<double> lat, lng;
  int64_t households = 0;
};

struct BuildingInput {
  std::optional<int64_t> grid_id;
  std::optional<std::string> name, address;
  std::optional<int> units, floors, elevators;
  std::optional<double> lat, lng;
};

struct Household {
  int64_t id = 0;
  int64_t building_id = 0;
  std::string building_name, building_address;
  PlacePath place;
  std::string unit, room;
  std::string phone_last4;     // empty: no phone
  std::string residence_type;  // registered | actual
  int64_t members = 0;
  std::string address() const { return building_address + " " + unit + "单元" + room + "室"; }
};

struct HouseholdInput {
  std::optional<int64_t> building_id;
  std::optional<std::string> unit, room, phone, residence_type;
};

struct Resident {
  int64_t id = 0;
  int64_t household_id = 0;
  int64_t building_id = 0;
  PlacePath place;
  std::string grid_name, address;
  std::string name;
  std::string id_last4;
  CivilDate birth_date;
  Sex sex = Sex::kMale;
  std::string ethnicity;
  std::string phone_last4;
  std::string relation, residence_status;
  std::vector<std::string> tags, skills;
  std::string notes;
  std::string status;  // active | moved_out | deceased
  int household_size = 0;
};

struct ResidentInput {
  std::optional<int64_t> household_id;
  std::optional<std::string> name, id_number, sex, birth_date, ethnicity, phone, relation,
      residence_status, notes;
  std::optional<std::vector<std::string>> tags, skills;
};

struct ResidentQuery {
  std::optional<std::string> q;            // name or part of the address
  std::optional<std::string> phone_last4;  // 4 digits
  std::optional<std::string> id_number;    // exact
  std::optional<int64_t> community_id, grid_id, building_id, household_id;
  std::optional<std::string> status;  // default active
  int page = 1, page_size = 20;
};

struct HistoryEntry {
  int64_t id = 0;
  int64_t at = 0;
  std::string effective_date, kind, detail;
};

struct Asset {
  int64_t id = 0;
  int64_t building_id = 0;
  std::string building_name;
  PlacePath place;
  std::string kind, name, location, owner, maintainer;
  std::optional<CivilDate> last_inspection, next_inspection;
};

struct AssetInput {
  std::optional<int64_t> building_id;
  std::optional<std::string> kind, name, location, owner, maintainer, last_inspection,
      next_inspection;
};

// An asset placed by grid code and building name (bulk loads).
struct AssetImport {
  std::string grid_code, building;
  AssetInput input;
};

// The fields a spreadsheet column can be mapped to, in importFields() order.
enum ImportField : int {
  kFieldName,
  kFieldIdNumber,
  kFieldPhone,
  kFieldBuilding,
  kFieldUnit,
  kFieldRoom,
  kFieldGrid,
  kFieldAddress,
  kFieldTags,
  kFieldSex,
  kFieldBirthDate,
  kFieldEthnicity,
  kFieldRelation,
  kFieldResidenceStatus,
  kFieldSkills,
  kFieldNotes,
  kImportFieldCount
};

// One spreadsheet row after column mapping: cells[field] is the cell text
// (empty when blank or when no column is mapped to the field).
struct ImportRow {
  int row = 0;  // spreadsheet row number (header = 1)
  std::array<std::string, kImportFieldCount> cells;
};

// A row's problem: `reason` in English for logs and tools, `key` and
// `params` for the worker's language (common/messages.h).
struct ImportProblem {
  int row = 0;
  std::string field;
  std::string reason;
  std::string key;
  MessageParams params;
};

struct ImportOptions {
  std::optional<int64_t> default_grid_id;
  bool dry_run = false;
  std::string source;  // file name, for the audit log
  // Called now and then with (work done, work in all): rows, or bytes of a streamed file.
  std::function<void(size_t, size_t)> progress;
};

struct ImportSummary {
  int64_t rows = 0, valid = 0, created = 0, updated = 0;
  bool committed = false;
  std::vector<ImportProblem> errors;
};

template <class T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;
};

}  // namespace linli::registry
