#include "reports/resident_index.h"

#include <algorithm>
#include <mutex>

namespace linli::reports {

namespace {

uint8_t code(const std::vector<std::string_view>& codes, const std::string& value) {
  auto it = std::find(codes.begin(), codes.end(), value);
  return static_cast<uint8_t>(it == codes.end() ? 255 : it - codes.begin());
}

const std::vector<std::string_view>& statusCodes() {
  static const std::vector<std::string_view> codes = {"active", "moved_out", "deceased"};
  return codes;
}

int32_t dateKey(const CivilDate& d) { return d.year * 10000 + d.month * 100 + d.day; }

// Everyone at least `years` old on `on` was born on or before this key.
int32_t bornBy(const CivilDate& on, int years) {
  return (on.year - years) * 10000 + on.month * 100 + on.day;
}

// 0 for 0–9 … 8 for 80–89, 9 for 90 and over.
int ageBand(int32_t birth_key, const CivilDate& on) {
  int age = on.year - birth_key / 10000 - ((on.month * 100 + on.day) < birth_key % 10000 ? 1 : 0);
  return std::clamp(age / 10, 0, 9);
}

std::string ageBandLabel(int band) {
  return band == 9 ? "90+" : std::to_string(band * 10) + "-" + std::to_string(band * 10 + 9);
}

}  // namespace

int ResidentIndex::tagBit(const std::string& code) {
  for (size_t i = 0; i < tag_codes_.size(); ++i)
    if (tag_codes_[i] == code) return static_cast<int>(i);
  if (tag_codes_.size() >= 64) return -1;
  tag_codes_.push_back(code);
  return static_cast<int>(tag_codes_.size() - 1);
}

std::optional<uint64_t> ResidentIndex::tagMask(const std::vector<std::string>& codes) const {
  uint64_t mask = 0;
  for (const auto& c : codes) {
    auto it = std::find(tag_codes_.begin(), tag_codes_.end(), c);
    if (it == tag_codes_.end()) {
      if (registry::oneOf(registry::builtinTags(), c)) continue;  // nobody has it yet
      return std::nullopt;
    }
    mask |= uint64_t{1} << (it - tag_codes_.begin());
  }
  return mask;
}

uint32_t ResidentIndex::householdSlot(int64_t household_id) {
  auto [it, fresh] =
      household_slot_.emplace(household_id, static_cast<uint32_t>(household_active_.size()));
  if (fresh) household_active_.push_back(0);
  return it->second;
}

void ResidentIndex::upsert(const registry::Resident& r) {
  std::unique_lock lock(mu_);
  if (tag_codes_.empty())
    for (auto t : registry::builtinTags()) tag_codes_.emplace_back(t);
  uint32_t row;
  auto found = row_of_.find(r.id);
  if (found == row_of_.end()) {
    row = static_cast<uint32_t>(id_.size());
    row_of_[r.id] = row;
    id_.push_back(r.id);
    for (auto* col : {&street_, &community_, &grid_, &building_, &birth_key_}) col->push_back(0);
    household_.push_back(0);
    sex_.push_back(0);
    residence_.push_back(0);
    status_.push_back(255);  // not counted in any household yet
    tags_.push_back(0);
    skills_.push_back(0);
    name_.emplace_back();
  } else {
    row = found->second;
    if (status_[row] == 0) --household_active_[household_[row]];
  }
  const int32_t grid = static_cast<int32_t>(r.place.grid_id.value_or(0));
  const int32_t community = static_cast<int32_t>(r.place.community_id.value_or(0));
  const bool fresh = found == row_of_.end();
  auto move = [row, fresh](std::unordered_map<int32_t, std::vector<uint32_t>>& lists, int32_t from,
                           int32_t to) {
    if (!fresh && from == to) return;
    if (!fresh) {
      auto& old = lists[from];
      old.erase(std::find(old.begin(), old.end(), row));
    }
    lists[to].push_back(row);
  };
  move(grid_rows_, grid_[row], grid);
  move(community_rows_, community_[row], community);
  street_[row] = static_cast<int32_t>(r.place.street_id);
  community_[row] = community;
  grid_[row] = grid;
  building_[row] = static_cast<int32_t>(r.building_id);
  household_[row] = householdSlot(r.household_id);
  birth_key_[row] = dateKey(r.birth_date);
  sex_[row] = r.sex == Sex::kFemale ? 1 : 0;
  residence_[row] = code(registry::residenceStatusCodes(), r.residence_status);
  status_[row] = code(statusCodes(), r.status);
  uint64_t tags = 0;
  for (const auto& t : r.tags)
    if (int bit = tagBit(t); bit >= 0) tags |= uint64_t{1} << bit;
  tags_[row] = tags;
  uint16_t skills = 0;
  for (const auto& s : r.skills)
    if (uint8_t c = code(registry::skillCodes(), s); c < 16) skills |= uint16_t(1u << c);
  skills_[row] = skills;
  name_[row] = r.name;
  if (!r.address.empty()) building_address_[building_[row]] = r.address;
  if (status_[row] == 0) ++household_active_[household_[row]];
}

size_t ResidentIndex::size() const {
  std::shared_lock lock(mu_);
  return id_.size();
}

size_t ResidentIndex::memoryBytes() const {
  std::shared_lock lock(mu_);
  size_t n = id_.size();
  size_t bytes = n * (8 + 4 * 5 + 4 + 3 + 8 + 2) + row_of_.size() * 32 +
                 household_slot_.size() * 32 + household_active_.size() * 2;
  for (const auto& s : name_) bytes += sizeof(std::string) + (s.size() > 15 ? s.size() : 0);
  for (const auto& [k, v] : building_address_) bytes += 48 + v.size();
  return bytes;
}

Result<Answer> ResidentIndex::run(const Query& q, const CivilDate& today) const {
  std::shared_lock lock(mu_);
  const Filter& f = q.filter;
  const CivilDate on = f.on.value_or(today);
  auto any = tagMask(f.tags_any), all = tagMask(f.tags_all), none = tagMask(f.tags_none);
  if (!any) return invalidArgument("tags_any", "unknown tag in tags_any");
  if (!all) return invalidArgument("tags_all", "unknown tag in tags_all");
  if (!none) return invalidArgument("tags_none", "unknown tag in tags_none");
  // A built-in tag nobody has yet: "all of" cannot match; "any of" matches only via others.
  bool impossible = false;
  for (const auto& t : f.tags_all)
    if (std::find(tag_codes_.begin(), tag_codes_.end(), t) == tag_codes_.end()) impossible = true;
  if (!f.tags_any.empty() && *any == 0) impossible = true;
  uint16_t skills = 0;
  for (const auto& s : f.skills_any) {
    uint8_t c = code(registry::skillCodes(), s);
    if (c >= 16) return invalidArgument("skills_any", "unknown skill " + s);
    skills |= uint16_t(1u << c);
  }
  uint32_t residence_mask = 0;
  for (const auto& s : f.residence_status) {
    uint8_t c = code(registry::residenceStatusCodes(), s);
    if (c == 255) return invalidArgument("residence_status", "unknown residence status " + s);
    residence_mask |= 1u << c;
  }
  const uint8_t status = code(statusCodes(), f.status);
  if (status == 255)
    return invalidArgument("status", "status must be active, moved_out or deceased");
  int sex = -1;
  if (f.sex) {
    if (*f.sex != "male" && *f.sex != "female")
      return invalidArgument("sex", "sex must be male or female");
    sex = *f.sex == "female" ? 1 : 0;
  }
  const int32_t born_by = f.age_min ? bornBy(on, *f.age_min) : INT32_MAX;         // birth ≤
  const int32_t born_after = f.age_max ? bornBy(on, *f.age_max + 1) : INT32_MIN;  // birth >
  int size_min = f.household_size_min.value_or(0),
      size_max = f.household_size_max.value_or(1 << 16);
  if (f.living_alone) {
    if (*f.living_alone)
      size_min = std::max(size_min, 1), size_max = std::min(size_max, 1);
    else
      size_min = std::max(size_min, 2);
  }
  // Scope and place filters narrowed to one column test.
  const int32_t scope_street = static_cast<int32_t>(q.scope.street_id);
  const int32_t scope_community = static_cast<int32_t>(q.scope.community_id.value_or(0));
  const int32_t scope_grid = static_cast<int32_t>(q.scope.grid_id.value_or(0));
  const int32_t want_community = static_cast<int32_t>(f.community_id.value_or(0));
  const int32_t want_grid = static_cast<int32_t>(f.grid_id.value_or(0));
  const int32_t want_building = static_cast<int32_t>(f.building_id.value_or(0));
  std::unordered_map<int32_t, bool> address_match;
  if (f.text)
    for (const auto& [b, addr] : building_address_)
      address_match[b] = addr.find(*f.text) != std::string::npos;

  bool g_grid = false, g_community = false, g_age = false, g_tag = false, g_sex = false,
       g_res = false;
  for (const auto& g : q.group_by) {
    if (g == "grid")
      g_grid = true;
    else if (g == "community")
      g_community = true;
    else if (g == "age_band")
      g_age = true;
    else if (g == "tag")
      g_tag = true;
    else if (g == "sex")
      g_sex = true;
    else if (g == "residence_status")
      g_res = true;
    else
      return invalidArgument("group_by", "cannot group by " + g);
  }
  std::map<int32_t, int64_t> by_grid, by_community;
  int64_t by_age[10] = {0};
  std::vector<int64_t> by_tag(64, 0);
  int64_t by_sex[2] = {0, 0};
  int64_t by_res[4] = {0, 0, 0, 0};

  Answer answer;
  const int64_t first = int64_t{q.page - 1} * q.page_size, last = first + q.page_size;
  // The narrowest place known up front decides which rows to visit.
  const int32_t only_grid = scope_grid ? scope_grid : want_grid;
  const int32_t only_community = scope_community ? scope_community : want_community;
  const std::vector<uint32_t>* candidates = nullptr;
  static const std::vector<uint32_t> kNone;
  if (only_grid) {
    auto it = grid_rows_.find(only_grid);
    candidates = it == grid_rows_.end() ? &kNone : &it->second;
  } else if (only_community) {
    auto it = community_rows_.find(only_community);
    candidates = it == community_rows_.end() ? &kNone : &it->second;
  }
  // Street-wide: one branchless pass over the most selective column picks the
  // candidate rows (in row order); the full test below then runs only on them.
  thread_local std::vector<uint32_t> picked;
  if (!candidates && !impossible) {
    const size_t rows = id_.size();
    picked.resize(rows);
    size_t m = 0;
    if (born_by != INT32_MAX || born_after != INT32_MIN) {
      for (size_t i = 0; i < rows; ++i) {
        picked[m] = static_cast<uint32_t>(i);
        m += (birth_key_[i] <= born_by) & (birth_key_[i] > born_after);
      }
      candidates = &picked;
    } else if (*all || *any) {
      const uint64_t need = *all ? *all : *any;
      const bool every = *all != 0;
      for (size_t i = 0; i < rows; ++i) {
        picked[m] = static_cast<uint32_t>(i);
        m += every ? (tags_[i] & need) == need : (tags_[i] & need) != 0;
      }
      candidates = &picked;
    } else if (skills) {
      for (size_t i = 0; i < rows; ++i) {
        picked[m] = static_cast<uint32_t>(i);
        m += (skills_[i] & skills) != 0;
      }
      candidates = &picked;
    } else if (residence_mask) {
      for (size_t i = 0; i < rows; ++i) {
        picked[m] = static_cast<uint32_t>(i);
        m += (residence_mask >> residence_[i]) & 1u;
      }
      candidates = &picked;
    } else if (size_min > 0 || size_max < (1 << 16)) {
      for (size_t i = 0; i < rows; ++i) {
        const int size = household_active_[household_[i]];
        picked[m] = static_cast<uint32_t>(i);
        m += (size >= size_min) & (size <= size_max);
      }
      candidates = &picked;
    }
    picked.resize(m);
  }
  const size_t n = impossible ? 0 : candidates ? candidates->size() : id_.size();
  for (size_t k = 0; k < n; ++k) {
    const size_t i = candidates ? (*candidates)[k] : k;
    if (status_[i] != status || street_[i] != scope_street) continue;
    if (scope_community && community_[i] != scope_community) continue;
    if (scope_grid && grid_[i] != scope_grid) continue;
    if (want_community && community_[i] != want_community) continue;
    if (want_grid && grid_[i] != want_grid) continue;
    if (want_building && building_[i] != want_building) continue;
    if (birth_key_[i] > born_by || birth_key_[i] <= born_after) continue;
    if (sex >= 0 && sex_[i] != sex) continue;
    const uint64_t t = tags_[i];
    if (*any && !(t & *any)) continue;
    if ((t & *all) != *all) continue;
    if (t & *none) continue;
    if (residence_mask && !(residence_mask & (1u << residence_[i]))) continue;
    if (skills && !(skills_[i] & skills)) continue;
    if (size_min > 0 || size_max < (1 << 16)) {
      int size = household_active_[household_[i]];
      if (size < size_min || size > size_max) continue;
    }
    if (f.text && name_[i].find(*f.text) == std::string::npos) {
      auto m = address_match.find(building_[i]);
      if (m == address_match.end() || !m->second) continue;
    }
    if (q.all_ids || (answer.count >= first && answer.count < last))
      answer.page_ids.push_back(id_[i]);
    ++answer.count;
    if (g_grid) ++by_grid[grid_[i]];
    if (g_community) ++by_community[community_[i]];
    if (g_age) ++by_age[ageBand(birth_key_[i], on)];
    if (g_tag)
      for (uint64_t rest = t; rest; rest &= rest - 1) ++by_tag[__builtin_ctzll(rest)];
    if (g_sex) ++by_sex[sex_[i]];
    if (g_res && residence_[i] < 4) ++by_res[residence_[i]];
  }
  auto ids = [](const std::map<int32_t, int64_t>& m) {
    std::vector<Group> out;
    for (const auto& [k, v] : m) out.push_back({std::to_string(k), v});
    return out;
  };
  if (g_grid) answer.groups["grid"] = ids(by_grid);
  if (g_community) answer.groups["community"] = ids(by_community);
  if (g_age) {
    std::vector<Group> bands;
    for (int b = 0; b < 10; ++b)
      if (by_age[b]) bands.push_back({ageBandLabel(b), by_age[b]});
    answer.groups["age_band"] = bands;
  }
  if (g_tag) {
    std::vector<Group> tags;
    for (size_t b = 0; b < tag_codes_.size(); ++b)
      if (by_tag[b]) tags.push_back({tag_codes_[b], by_tag[b]});
    answer.groups["tag"] = tags;
  }
  if (g_sex) answer.groups["sex"] = {{"male", by_sex[0]}, {"female", by_sex[1]}};
  if (g_res) {
    std::vector<Group> res;
    for (int c = 0; c < 4; ++c)
      res.push_back({std::string(registry::residenceStatusCodes()[c]), by_res[c]});
    answer.groups["residence_status"] = res;
  }
  std::sort(answer.page_ids.begin(), answer.page_ids.end());
  return answer;
}

}  // namespace linli::reports
