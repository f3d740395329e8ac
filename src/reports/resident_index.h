// ResidentIndex: every resident as compact columns in memory (place ids,
// birth date as a yyyymmdd key, sex, residence status, status, tag and skill
// bitmasks, household slot), so a smart report scans a million residents in
// about a millisecond instead of asking SQL. Built once from the registry at
// start, then kept exact by upsert() on every committed change (the
// registry's resident listener), so a report right after a write sees it.
// Thread-safe: queries share a lock, upserts take it exclusively.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/civil_date.h"
#include "common/result.h"
#include "registry/model.h"

namespace linli::reports {

struct Filter {
  std::optional<int> age_min, age_max;
  std::optional<CivilDate> on;  // the day ages are counted on; default today
  std::optional<std::string> sex;
  std::vector<std::string> tags_any, tags_all, tags_none;
  std::vector<std::string> residence_status;
  std::optional<int64_t> community_id, grid_id, building_id;
  std::optional<int> household_size_min, household_size_max;
  std::optional<bool> living_alone;
  std::vector<std::string> skills_any;
  std::optional<std::string> text;  // part of the name or of the building's address
  std::string status = "active";
};

struct Group {
  std::string key;
  int64_t count = 0;
};

struct Answer {
  int64_t count = 0;
  std::vector<int64_t> page_ids;  // resident ids of the requested page, ascending
  std::map<std::string, std::vector<Group>> groups;
};

struct Query {
  Filter filter;
  registry::PlacePath scope;          // the caller's
  std::vector<std::string> group_by;  // grid, community, age_band, tag, sex, residence_status
  int page = 1, page_size = 20;
  bool all_ids = false;  // export: every matching id, not one page
};

class ResidentIndex {
 public:
  void upsert(const registry::Resident& r);
  // Unknown tag codes in a filter are an InvalidArgument naming the field.
  Result<Answer> run(const Query& query, const CivilDate& today) const;
  size_t size() const;
  size_t memoryBytes() const;

 private:
  int tagBit(const std::string& code);  // assigns a bit to a new custom tag
  std::optional<uint64_t> tagMask(const std::vector<std::string>& codes) const;
  uint32_t householdSlot(int64_t household_id);

  mutable std::shared_mutex mu_;
  std::unordered_map<int64_t, uint32_t> row_of_;  // resident id → row
  std::vector<int64_t> id_;
  std::vector<int32_t> street_, community_, grid_, building_;
  std::vector<uint32_t> household_;  // slot
  std::vector<int32_t> birth_key_;   // yyyymmdd
  std::vector<uint8_t> sex_, residence_, status_;
  std::vector<uint64_t> tags_;
  std::vector<uint16_t> skills_;
  std::vector<std::string> name_;
  std::unordered_map<int32_t, std::string> building_address_;
  std::unordered_map<int64_t, uint32_t> household_slot_;
  std::vector<uint16_t> household_active_;  // active members per slot
  std::vector<std::string> tag_codes_;      // bit → code
  // Rows of each grid and community, so place-limited reports scan only those.
  std::unordered_map<int32_t, std::vector<uint32_t>> grid_rows_, community_rows_;
};

}  // namespace linli::reports
