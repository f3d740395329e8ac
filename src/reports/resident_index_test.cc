// The resident index against expectations computed apart from it: a small
// street whose answers are counted by hand, and a larger generated one whose
// answers come from a plain loop over the residents the test built itself
// (ages from ageOn, household sizes counted member by member), also after
// residents move, change and leave.
#include "reports/resident_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace linli::reports {
namespace {

const CivilDate kToday{2026, 3, 1};

registry::PlacePath at(int64_t street, std::optional<int64_t> community = std::nullopt,
                       std::optional<int64_t> grid = std::nullopt) {
  registry::PlacePath p;
  p.street_id = street;
  p.community_id = community;
  p.grid_id = grid;
  return p;
}

Query query(Filter filter, registry::PlacePath scope) {
  Query q;
  q.filter = std::move(filter);
  q.scope = scope;
  return q;
}

registry::Resident resident(int64_t id, const std::string& name, Sex sex, CivilDate birth,
                            int64_t street, int64_t community, int64_t grid, int64_t building,
                            int64_t household, std::vector<std::string> tags = {},
                            std::string residence = "registered", std::string status = "active",
                            std::vector<std::string> skills = {}) {
  registry::Resident r;
  r.id = id;
  r.name = name;
  r.sex = sex;
  r.birth_date = birth;
  r.place = {.street_id = street, .community_id = community, .grid_id = grid};
  r.building_id = building;
  r.household_id = household;
  r.tags = std::move(tags);
  r.residence_status = std::move(residence);
  r.status = std::move(status);
  r.skills = std::move(skills);
  return r;
}

// The hand-counted street. Street 1: community 10 (grids 101, 102) and
// community 20 (grid 201); street 2: community 30 (grid 301).
// Households (active members): 1 {1}; 2 {2, 3}; 3 {4, 5} (6 deceased);
// 4 {7} (8 moved out); 5 {9}, in street 2.
std::vector<registry::Resident> smallStreet() {
  using S = Sex;
  std::vector<registry::Resident> rs = {
      resident(1, "王秀英", S::kFemale, {1940, 5, 1}, 1, 10, 101, 1001, 1,
               {"living_alone", "advanced_age"}),
      resident(2, "李建国", S::kMale, {1946, 3, 1}, 1, 10, 101, 1001, 2, {"party_member"}),
      resident(3, "李婷", S::kFemale, {1990, 7, 15}, 1, 10, 101, 1001, 2, {}, "floating", "active",
               {"doctor"}),
      resident(4, "张伟", S::kMale, {2008, 2, 29}, 1, 10, 102, 1002, 3, {"left_behind_child"}),
      resident(5, "赵敏", S::kFemale, {1955, 11, 11}, 1, 10, 102, 1002, 3,
               {"disabled", "low_income"}, "permanent"),
      resident(6, "陈刚", S::kMale, {1938, 1, 20}, 1, 10, 102, 1002, 3, {}, "registered",
               "deceased"),
      resident(7, "刘洋", S::kMale, {1985, 9, 9}, 1, 20, 201, 2001, 4, {}, "floating", "active",
               {"electrician", "plumber"}),
      resident(8, "孙丽", S::kFemale, {1944, 12, 31}, 1, 20, 201, 2001, 4, {"empty_nest"},
               "registered", "moved_out"),
      resident(9, "周杰", S::kMale, {1960, 6, 6}, 2, 30, 301, 3001, 5, {"living_alone"}),
  };
  const std::map<int64_t, std::string> address = {
      {1001, "幸福路1号"}, {1002, "幸福路2号"}, {2001, "和平街8号"}, {3001, "远方路9号"}};
  for (auto& r : rs) r.address = address.at(r.building_id);
  return rs;
}

class SmallStreet : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto& r : smallStreet()) index_.upsert(r);
  }
  // Every matching id of the filter `edit` sets, within street 1 unless a scope is given.
  std::vector<int64_t> ids(const std::function<void(Filter&)>& edit = nullptr,
                           registry::PlacePath scope = at(1)) {
    Filter f;
    if (edit) edit(f);
    Query q = query(f, scope);
    q.all_ids = true;
    auto a = index_.run(q, kToday);
    EXPECT_TRUE(a.ok()) << a.status().toString();
    if (!a.ok()) return {};
    EXPECT_EQ(a->count, static_cast<int64_t>(a->page_ids.size()));
    return a->page_ids;
  }
  std::map<std::string, int64_t> groups(const std::string& by) {
    Query q = query({}, at(1));
    q.group_by = {by};
    auto a = index_.run(q, kToday);
    EXPECT_TRUE(a.ok()) << a.status().toString();
    std::map<std::string, int64_t> out;
    if (a.ok())
      for (const auto& g : a->groups[by]) out[g.key] = g.count;
    return out;
  }
  ResidentIndex index_;
};

using Ids = std::vector<int64_t>;

TEST_F(SmallStreet, CountsByPlaceStatusAndScope) {
  EXPECT_EQ(index_.size(), 9u);
  EXPECT_EQ(ids(), (Ids{1, 2, 3, 4, 5, 7}));  // active only; street 2's 9 is not mine
  EXPECT_EQ(ids([](Filter& f) { f.status = "moved_out"; }), (Ids{8}));
  EXPECT_EQ(ids([](Filter& f) { f.status = "deceased"; }), (Ids{6}));
  EXPECT_EQ(ids([](Filter& f) { f.grid_id = 101; }), (Ids{1, 2, 3}));
  EXPECT_EQ(ids([](Filter& f) { f.community_id = 20; }), (Ids{7}));
  EXPECT_EQ(ids([](Filter& f) { f.building_id = 1002; }), (Ids{4, 5}));
  EXPECT_EQ(ids(nullptr, at(1, 10)), (Ids{1, 2, 3, 4, 5}));
  EXPECT_EQ(ids(nullptr, at(1, 10, 102)), (Ids{4, 5}));
  // A filter naming a place outside the caller's scope finds nobody.
  EXPECT_EQ(ids([](Filter& f) { f.grid_id = 101; }, at(1, 10, 102)), Ids{});
  EXPECT_EQ(ids([](Filter& f) { f.community_id = 30; }), Ids{});
  EXPECT_EQ(ids(nullptr, at(2)), (Ids{9}));
}

TEST_F(SmallStreet, AgesCountTheCalendarIncludingALeapDayBirthday) {
  // 李建国 turns 80 today; 张伟, born on 29 February 2008, turns 18 today.
  EXPECT_EQ(ids([](Filter& f) { f.age_min = 80; }), (Ids{1, 2}));
  EXPECT_EQ(ids([](Filter& f) {
              f.age_min = 80;
              f.on = CivilDate{2026, 2, 28};
            }),
            (Ids{1}));
  EXPECT_EQ(ids([](Filter& f) { f.age_max = 17; }), Ids{});
  EXPECT_EQ(ids([](Filter& f) {
              f.age_max = 17;
              f.on = CivilDate{2026, 2, 28};
            }),
            (Ids{4}));
  EXPECT_EQ(ids([](Filter& f) {
              f.age_min = 18;
              f.age_max = 18;
            }),
            (Ids{4}));
  EXPECT_EQ(ids([](Filter& f) {
              f.age_min = 36;
              f.age_max = 79;
            }),
            (Ids{5, 7}));
  EXPECT_EQ(ids([](Filter& f) {
              f.age_min = 60;
              f.status = "deceased";
            }),
            (Ids{6}));
}

TEST_F(SmallStreet, FiltersOnTagsSkillsSexResidenceHouseholdAndText) {
  EXPECT_EQ(ids([](Filter& f) { f.sex = "female"; }), (Ids{1, 3, 5}));
  EXPECT_EQ(ids([](Filter& f) { f.sex = "male"; }), (Ids{2, 4, 7}));
  EXPECT_EQ(ids([](Filter& f) { f.tags_any = {"living_alone", "disabled"}; }), (Ids{1, 5}));
  EXPECT_EQ(ids([](Filter& f) { f.tags_all = {"disabled", "low_income"}; }), (Ids{5}));
  EXPECT_EQ(ids([](Filter& f) { f.tags_all = {"disabled", "living_alone"}; }), Ids{});
  EXPECT_EQ(ids([](Filter& f) { f.tags_none = {"party_member"}; }), (Ids{1, 3, 4, 5, 7}));
  EXPECT_EQ(ids([](Filter& f) { f.tags_all = {"veteran"}; }), Ids{});  // a built-in tag nobody has
  EXPECT_EQ(ids([](Filter& f) { f.tags_any = {"veteran"}; }), Ids{});
  EXPECT_EQ(ids([](Filter& f) { f.tags_any = {"veteran", "disabled"}; }), (Ids{5}));
  EXPECT_EQ(ids([](Filter& f) { f.residence_status = {"floating"}; }), (Ids{3, 7}));
  EXPECT_EQ(ids([](Filter& f) { f.residence_status = {"permanent", "nominal"}; }), (Ids{5}));
  EXPECT_EQ(ids([](Filter& f) { f.skills_any = {"plumber", "doctor"}; }), (Ids{3, 7}));
  EXPECT_EQ(ids([](Filter& f) { f.skills_any = {"lawyer"}; }), Ids{});
  // Household size counts active members only (6 is deceased, 8 moved out).
  EXPECT_EQ(ids([](Filter& f) { f.living_alone = true; }), (Ids{1, 7}));
  EXPECT_EQ(ids([](Filter& f) { f.living_alone = false; }), (Ids{2, 3, 4, 5}));
  EXPECT_EQ(ids([](Filter& f) {
              f.household_size_min = 2;
              f.household_size_max = 2;
            }),
            (Ids{2, 3, 4, 5}));
  EXPECT_EQ(ids([](Filter& f) { f.household_size_min = 3; }), Ids{});
  EXPECT_EQ(ids([](Filter& f) { f.text = "李"; }), (Ids{2, 3}));  // in the name
  EXPECT_EQ(ids([](Filter& f) { f.text = "幸福路2号"; }),
            (Ids{4, 5}));  // in the building's address
  EXPECT_EQ(ids([](Filter& f) { f.text = "幸福路"; }), (Ids{1, 2, 3, 4, 5}));
  EXPECT_EQ(ids([](Filter& f) {
              f.age_min = 60;
              f.sex = "female";
              f.community_id = 10;
            }),
            (Ids{1, 5}));
}

TEST_F(SmallStreet, GroupsCountEachKey) {
  using G = std::map<std::string, int64_t>;
  EXPECT_EQ(groups("community"), (G{{"10", 5}, {"20", 1}}));
  EXPECT_EQ(groups("grid"), (G{{"101", 3}, {"102", 2}, {"201", 1}}));
  EXPECT_EQ(groups("age_band"),
            (G{{"10-19", 1}, {"30-39", 1}, {"40-49", 1}, {"70-79", 1}, {"80-89", 2}}));
  EXPECT_EQ(groups("sex"), (G{{"male", 3}, {"female", 3}}));
  EXPECT_EQ(groups("residence_status"),
            (G{{"registered", 3}, {"permanent", 1}, {"floating", 2}, {"nominal", 0}}));
  EXPECT_EQ(groups("tag"), (G{{"living_alone", 1},
                              {"advanced_age", 1},
                              {"party_member", 1},
                              {"left_behind_child", 1},
                              {"disabled", 1},
                              {"low_income", 1}}));
}

TEST_F(SmallStreet, BadFiltersAreRefusedNamingTheField) {
  auto field = [&](const std::function<void(Query&)>& edit) {
    Query q = query({}, at(1));
    edit(q);
    auto a = index_.run(q, kToday);
    EXPECT_EQ(a.status().code(), Code::kInvalidArgument);
    return a.status().field();
  };
  EXPECT_EQ(field([](Query& q) { q.filter.tags_any = {"martian"}; }), "tags_any");
  EXPECT_EQ(field([](Query& q) { q.filter.tags_all = {"martian"}; }), "tags_all");
  EXPECT_EQ(field([](Query& q) { q.filter.tags_none = {"martian"}; }), "tags_none");
  EXPECT_EQ(field([](Query& q) { q.filter.skills_any = {"juggler"}; }), "skills_any");
  EXPECT_EQ(field([](Query& q) { q.filter.residence_status = {"abroad"}; }), "residence_status");
  EXPECT_EQ(field([](Query& q) { q.filter.sex = "x"; }), "sex");
  EXPECT_EQ(field([](Query& q) { q.filter.status = "asleep"; }), "status");
  EXPECT_EQ(field([](Query& q) { q.group_by = {"shoe_size"}; }), "group_by");
}

TEST_F(SmallStreet, UpsertsKeepCountsExact) {
  // 李婷 moves from grid 101 (household 2) into household 3 in grid 102.
  auto moved = smallStreet()[2];
  moved.place.grid_id = 102;
  moved.building_id = 1002;
  moved.household_id = 3;
  moved.address = "幸福路2号";
  moved.tags = {"party_member"};
  index_.upsert(moved);
  EXPECT_EQ(index_.size(), 9u);  // the same resident, not a new row
  EXPECT_EQ(ids([](Filter& f) { f.grid_id = 101; }), (Ids{1, 2}));
  EXPECT_EQ(ids([](Filter& f) { f.grid_id = 102; }), (Ids{3, 4, 5}));
  EXPECT_EQ(ids(nullptr, at(1, 10, 101)), (Ids{1, 2}));
  EXPECT_EQ(ids([](Filter& f) { f.living_alone = true; }), (Ids{1, 2, 7}));  // 李建国 is alone now
  EXPECT_EQ(ids([](Filter& f) { f.household_size_min = 3; }), (Ids{3, 4, 5}));
  EXPECT_EQ(ids([](Filter& f) { f.tags_any = {"party_member"}; }), (Ids{2, 3}));
  // 王秀英 moves out: no longer counted among the active, nor in her household.
  auto gone = smallStreet()[0];
  gone.status = "moved_out";
  index_.upsert(gone);
  EXPECT_EQ(ids([](Filter& f) { f.age_min = 80; }), (Ids{2}));
  EXPECT_EQ(ids([](Filter& f) { f.status = "moved_out"; }), (Ids{1, 8}));
  EXPECT_EQ(ids([](Filter& f) { f.living_alone = true; }), (Ids{2, 7}));
  EXPECT_EQ(ids(), (Ids{2, 3, 4, 5, 7}));
  // 孙丽 comes back: household 4 has two active members again.
  auto back = smallStreet()[7];
  back.status = "active";
  index_.upsert(back);
  EXPECT_EQ(ids([](Filter& f) {
              f.community_id = 20;
              f.living_alone = false;
            }),
            (Ids{7, 8}));
  // A resident new to the index.
  index_.upsert(
      resident(10, "吴芳", Sex::kFemale, {2020, 1, 1}, 1, 20, 201, 2001, 6, {"left_behind_child"}));
  EXPECT_EQ(index_.size(), 10u);
  EXPECT_EQ(ids([](Filter& f) { f.tags_any = {"left_behind_child"}; }), (Ids{4, 10}));
  EXPECT_EQ(ids([](Filter& f) { f.age_max = 9; }), (Ids{10}));
}

// ---------------------------------------------------------------------------
// A generated street, checked against a plain loop over the same residents.

struct Model {
  std::map<int64_t, registry::Resident> residents;  // by id

  // Active members per household, counted one resident at a time.
  std::map<int64_t, int> householdSizes() const {
    std::map<int64_t, int> sizes;
    for (const auto& [id, r] : residents)
      if (r.status == "active") ++sizes[r.household_id];
    return sizes;
  }
  static bool has(const std::vector<std::string>& list, const std::string& v) {
    return std::find(list.begin(), list.end(), v) != list.end();
  }
  bool matches(const registry::Resident& r, const Query& q, const CivilDate& today,
               const std::map<int64_t, int>& sizes) const {
    const Filter& f = q.filter;
    if (r.status != f.status) return false;
    if (r.place.street_id != q.scope.street_id) return false;
    if (q.scope.community_id && r.place.community_id != q.scope.community_id) return false;
    if (q.scope.grid_id && r.place.grid_id != q.scope.grid_id) return false;
    if (f.community_id && r.place.community_id != f.community_id) return false;
    if (f.grid_id && r.place.grid_id != f.grid_id) return false;
    if (f.building_id && r.building_id != *f.building_id) return false;
    const int age = ageOn(r.birth_date, f.on.value_or(today));
    if (f.age_min && age < *f.age_min) return false;
    if (f.age_max && age > *f.age_max) return false;
    if (f.sex && (*f.sex == "female") != (r.sex == Sex::kFemale)) return false;
    if (!f.tags_any.empty()) {
      bool any = false;
      for (const auto& t : f.tags_any) any |= has(r.tags, t);
      if (!any) return false;
    }
    for (const auto& t : f.tags_all)
      if (!has(r.tags, t)) return false;
    for (const auto& t : f.tags_none)
      if (has(r.tags, t)) return false;
    if (!f.residence_status.empty() && !has(f.residence_status, r.residence_status)) return false;
    if (!f.skills_any.empty()) {
      bool any = false;
      for (const auto& s : f.skills_any) any |= has(r.skills, s);
      if (!any) return false;
    }
    const auto in = sizes.find(r.household_id);
    const int size = in == sizes.end() ? 0 : in->second;
    if (f.household_size_min && size < *f.household_size_min) return false;
    if (f.household_size_max && size > *f.household_size_max) return false;
    if (f.living_alone && (*f.living_alone ? size != 1 : size < 2)) return false;
    if (f.text && r.name.find(*f.text) == std::string::npos &&
        r.address.find(*f.text) == std::string::npos)
      return false;
    return true;
  }
  std::vector<int64_t> run(const Query& q, const CivilDate& today) const {
    std::vector<int64_t> out;
    const auto sizes = householdSizes();
    for (const auto& [id, r] : residents)
      if (matches(r, q, today, sizes)) out.push_back(id);
    return out;
  }
};

const std::vector<std::string> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵"};
const std::vector<std::string> kGiven = {"秀英", "建国", "伟", "芳", "敏", "强", "丽", "军"};
const std::vector<std::string> kTags = {"living_alone", "advanced_age", "empty_nest",
                                        "low_income",   "disabled",     "party_member",
                                        "veteran",      "tenant_rep"};  // the last: custom
const std::vector<std::string> kSkills = {"doctor", "nurse", "teacher", "plumber", "it"};
const std::vector<std::string> kResidence = {"registered", "permanent", "floating", "nominal"};

// Street 1: communities 11 and 12, grids 111, 112 / 121; street 2: 21 / 211.
struct Grid {
  int64_t street, community, grid;
};
const std::vector<Grid> kGrids = {{1, 11, 111}, {1, 11, 112}, {1, 12, 121}, {2, 21, 211}};

class GeneratedStreet : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int64_t id = 1; id <= 3000; ++id) put(make(id));
  }
  registry::Resident make(int64_t id) {
    registry::Resident r;
    r.id = id;
    r.name = kSurnames[rng_() % kSurnames.size()] + kGiven[rng_() % kGiven.size()];
    r.sex = rng_() % 2 ? Sex::kFemale : Sex::kMale;
    r.birth_date = rng_() % 50 == 0 ? CivilDate{1948 + 4 * static_cast<int>(rng_() % 15), 2, 29}
                                    : CivilDate{1920 + static_cast<int>(rng_() % 106),
                                                1 + static_cast<int>(rng_() % 12),
                                                1 + static_cast<int>(rng_() % 28)};
    place(r, static_cast<int64_t>(rng_() % 60));
    for (const auto& t : kTags)
      if (rng_() % 6 == 0) r.tags.push_back(t);
    for (const auto& s : kSkills)
      if (rng_() % 10 == 0) r.skills.push_back(s);
    r.residence_status = kResidence[rng_() % kResidence.size()];
    const int s = static_cast<int>(rng_() % 20);
    r.status = s == 0 ? "moved_out" : s == 1 ? "deceased" : "active";
    return r;
  }
  // Building b (0–59) lies in grid b % 4; its households are 10 * b + 0…9.
  void place(registry::Resident& r, int64_t building) {
    const Grid& g = kGrids[building % kGrids.size()];
    r.place = {.street_id = g.street, .community_id = g.community, .grid_id = g.grid};
    r.building_id = 1000 + building;
    r.household_id = 10 * r.building_id + static_cast<int64_t>(rng_() % 10);
    r.address = "幸福路" + std::to_string(building) + "号";
  }
  void put(const registry::Resident& r) {
    model_.residents[r.id] = r;
    index_.upsert(r);
  }
  Filter randomFilter() {
    Filter f;
    auto pick = [&](int one_in) { return rng_() % one_in == 0; };
    if (pick(3)) f.age_min = static_cast<int>(rng_() % 100);
    if (pick(3)) f.age_max = static_cast<int>(rng_() % 100);
    if (pick(5)) f.on = CivilDate{2026, 2, 28};
    if (pick(4)) f.sex = pick(2) ? "female" : "male";
    for (auto* list : {&f.tags_any, &f.tags_all, &f.tags_none})
      if (pick(4))
        for (const auto& t : kTags)
          if (pick(4)) list->push_back(t);
    if (pick(4))
      for (const auto& s : kResidence)
        if (pick(2)) f.residence_status.push_back(s);
    if (pick(6)) f.community_id = pick(2) ? 11 : 12;
    if (pick(6)) f.grid_id = kGrids[rng_() % kGrids.size()].grid;
    if (pick(8)) f.building_id = 1000 + static_cast<int64_t>(rng_() % 60);
    if (pick(5)) f.household_size_min = static_cast<int>(rng_() % 4);
    if (pick(5)) f.household_size_max = static_cast<int>(rng_() % 6);
    if (pick(5)) f.living_alone = pick(2);
    if (pick(5))
      for (const auto& s : kSkills)
        if (pick(3)) f.skills_any.push_back(s);
    if (pick(6)) f.text = pick(2) ? kSurnames[rng_() % kSurnames.size()] : "幸福路1";
    if (pick(10)) f.status = pick(2) ? "moved_out" : "deceased";
    return f;
  }
  registry::PlacePath randomScope() {
    switch (rng_() % 5) {
      case 0:
        return at(1, 11);
      case 1:
        return at(1, 11, 112);
      case 2:
        return at(2);
      default:
        return at(1);
    }
  }
  // Count, every id and the groups against the model; pages partition the ids.
  void check(const Query& base, const std::string& what) {
    SCOPED_TRACE(what);
    const std::vector<int64_t> want = model_.run(base, kToday);
    Query q = base;
    q.all_ids = true;
    q.group_by = {"grid", "community", "age_band", "tag", "sex", "residence_status"};
    auto a = index_.run(q, kToday);
    ASSERT_TRUE(a.ok()) << a.status().toString();
    EXPECT_EQ(a->count, static_cast<int64_t>(want.size()));
    EXPECT_EQ(a->page_ids, want);
    // Groups, counted from the model's matches.
    std::map<std::string, std::map<std::string, int64_t>> expect;
    expect["sex"] = {{"male", 0}, {"female", 0}};
    for (const auto& s : kResidence) expect["residence_status"][s] = 0;
    for (int64_t id : want) {
      const auto& r = model_.residents.at(id);
      ++expect["grid"][std::to_string(*r.place.grid_id)];
      ++expect["community"][std::to_string(*r.place.community_id)];
      const int band = std::min(ageOn(r.birth_date, base.filter.on.value_or(kToday)) / 10, 9);
      ++expect["age_band"]
              [band == 9 ? "90+" : std::to_string(band * 10) + "-" + std::to_string(band * 10 + 9)];
      for (const auto& t : r.tags) ++expect["tag"][t];
      ++expect["sex"][r.sex == Sex::kFemale ? "female" : "male"];
      ++expect["residence_status"][r.residence_status];
    }
    for (const auto& [by, list] : a->groups) {
      std::map<std::string, int64_t> got;
      for (const auto& g : list) got[g.key] = g.count;
      EXPECT_EQ(got, expect[by]) << by;
    }
    EXPECT_EQ(a->groups.size(), 6u);
    // Page by page: each matching resident on exactly one page.
    Query paged = base;
    paged.page_size = 7;
    std::vector<int64_t> seen;
    for (paged.page = 1; paged.page <= static_cast<int>(want.size()) / 7 + 1; ++paged.page) {
      auto p = index_.run(paged, kToday);
      ASSERT_TRUE(p.ok());
      EXPECT_EQ(p->count, static_cast<int64_t>(want.size()));
      EXPECT_TRUE(std::is_sorted(p->page_ids.begin(), p->page_ids.end()));
      const size_t left = want.size() - seen.size();
      EXPECT_EQ(p->page_ids.size(), std::min<size_t>(7, left)) << "page " << paged.page;
      seen.insert(seen.end(), p->page_ids.begin(), p->page_ids.end());
    }
    std::sort(seen.begin(), seen.end());
    EXPECT_EQ(seen, want);
  }
  std::mt19937 rng_{20261122};
  Model model_;
  ResidentIndex index_;
};

TEST_F(GeneratedStreet, EveryFilterAgreesWithAPlainLoop) {
  // The model itself is not vacuous: the street has plenty of each kind.
  const Query everyone = query({}, at(1));
  const auto all = model_.run(everyone, kToday);
  EXPECT_GT(all.size(), 1800u);
  EXPECT_LT(all.size(), 2500u);
  check(everyone, "everyone");
  int non_empty = 0;
  for (int i = 0; i < 300; ++i) {
    const Query q = query(randomFilter(), randomScope());
    non_empty += !model_.run(q, kToday).empty();
    check(q, "random filter #" + std::to_string(i));
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(non_empty, 100);  // most filters find somebody
}

TEST_F(GeneratedStreet, StaysExactThroughMovesChangesAndDepartures) {
  for (int round = 0; round < 5; ++round) {
    // A few hundred changes: moves to another building (often another grid or
    // street), new tags, deaths, departures and returns, and newcomers.
    for (int k = 0; k < 300; ++k) {
      const int64_t id = 1 + static_cast<int64_t>(rng_() % model_.residents.size());
      registry::Resident r = model_.residents.at(id);
      switch (rng_() % 4) {
        case 0:
          place(r, static_cast<int64_t>(rng_() % 60));
          break;
        case 1:
          r.tags.clear();
          for (const auto& t : kTags)
            if (rng_() % 5 == 0) r.tags.push_back(t);
          break;
        case 2:
          r.status = r.status == "active" ? (rng_() % 2 ? "moved_out" : "deceased") : "active";
          break;
        default:
          r = make(static_cast<int64_t>(model_.residents.size()) + 1);
          break;
      }
      put(r);
    }
    EXPECT_EQ(index_.size(), model_.residents.size());
    check(query({}, at(1)), "everyone, round " + std::to_string(round));
    Filter alone;
    alone.living_alone = true;
    check(query(alone, at(1, 11)), "living alone, round " + std::to_string(round));
    for (const Grid& g : kGrids)
      check(query({}, at(g.street, g.community, g.grid)),
            "grid " + std::to_string(g.grid) + ", round " + std::to_string(round));
    for (int i = 0; i < 40; ++i)
      check(query(randomFilter(), randomScope()),
            "round " + std::to_string(round) + " filter " + std::to_string(i));
    if (HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace linli::reports
