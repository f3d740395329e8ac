#include "demo/population.h"

#include <array>
#include <map>
#include <random>

#include "common/id_number.h"

namespace linli::demo {

namespace {

const char* kCommunities[] = {"和平社区", "友谊社区", "光明社区", "幸福里社区",
                              "春晖社区", "翠苑社区", "文华社区", "锦绣社区"};
const char* kNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

// Frequent surnames, roughly by frequency.
const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
                           "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
                           "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
                           "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁"};
const char* kMale[] = {"伟",   "强", "磊", "军",   "勇",   "杰",   "涛",   "明",   "超",
                       "刚",   "平", "辉", "鹏",   "华",   "飞",   "鑫",   "波",   "斌",
                       "宇",   "浩", "凯", "健",   "俊",   "帆",   "建国", "建华", "志强",
                       "国强", "文", "博", "子轩", "浩然", "宇航", "家豪"};
const char* kFemale[] = {"芳",   "娜",   "敏",   "静",   "丽",   "艳",   "娟",   "霞",
                         "秀英", "玲",   "桂英", "丹",   "萍",   "红",   "玉兰", "燕",
                         "慧",   "婷",   "雪",   "琳",   "晶",   "颖",   "倩",   "洁",
                         "淑珍", "秀兰", "欣怡", "梓涵", "诗涵", "雨欣", "思琪", "佳怡"};
const char* kStreets[] = {"幸福路", "和平街", "光明大道", "春晖路",
                          "翠苑街", "文华路", "锦绣路",   "友谊街"};

// Share (per mille) of the population in each 5-year age band 0–4 … 100+.
const std::array<int, 21> kAgeBands = {38, 45, 52, 48, 50, 58, 82, 88, 75, 74, 84,
                                       80, 64, 55, 44, 28, 17, 10, 5,  2,  1};

struct Rng {
  std::mt19937_64 gen;
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(gen); }
  int range(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(gen); }
  bool chance(double p) { return uniform() < p; }
  template <class T, size_t N>
  const T& pick(const T (&items)[N]) {
    return items[range(0, static_cast<int>(N) - 1)];
  }
};

int ageFromPyramid(Rng& rng, int min_age, int max_age) {
  for (;;) {
    int total = 0;
    for (int v : kAgeBands) total += v;
    int x = rng.range(0, total - 1), band = 0;
    while (x >= kAgeBands[band]) x -= kAgeBands[band++];
    int age = band * 5 + rng.range(0, band == 20 ? 4 : 4);
    if (age >= min_age && age <= max_age) return age;
  }
}

struct Person {
  int age;
  bool female;
  std::string relation;
};

std::vector<Person> household(Rng& rng) {
  double x = rng.uniform();
  int size = x < 0.22 ? 1 : x < 0.52 ? 2 : x < 0.78 ? 3 : x < 0.92 ? 4 : 5;
  std::vector<Person> people;
  int head = ageFromPyramid(rng, size == 1 ? 20 : 24, 101);
  bool head_female = rng.chance(size == 1 && head >= 70 ? 0.62 : 0.45);
  people.push_back({head, head_female, "householder"});
  if (size >= 2)
    people.push_back({std::max(20, head + rng.range(-4, 3)), !head_female,
                      size == 2 && rng.chance(0.12) ? "child" : "spouse"});
  for (int i = 2; i < size; ++i) {
    if (i == 4 || (i == 3 && head < 45 && rng.chance(0.5))) {
      people.push_back({std::min(100, head + rng.range(24, 32)), rng.chance(0.55), "parent"});
    } else {
      int child = head - rng.range(22, 36);
      people.push_back({std::max(0, child), rng.chance(0.48), child < 0 ? "grandchild" : "child"});
    }
  }
  return people;
}

std::string phoneNumber(Rng& rng) {
  static const char* kPrefixes[] = {"138", "139", "135", "136", "137", "150", "151", "152",
                                    "158", "159", "186", "187", "188", "177", "199", "133"};
  std::string p = rng.pick(kPrefixes);
  for (int i = 0; i < 8; ++i) p += static_cast<char>('0' + rng.range(0, 9));
  return p;
}

}  // namespace

std::vector<GridPlan> streetPlan() {
  std::vector<GridPlan> plan;
  for (int c = 0; c < 8; ++c) {
    char code[16];
    std::snprintf(code, sizeof code, "330106001%03d", c + 1);
    int grids = c < 4 ? 8 : 7;  // 60 grids in all
    for (int g = 0; g < grids; ++g)
      plan.push_back({kCommunities[c], code,
                      std::string(kCommunities[c]) + "第" + kNumerals[g] + "网格",
                      std::string(code) + "-" + std::to_string(g + 1)});
  }
  return plan;
}

Population generatePopulation(int64_t residents, const CivilDate& today, uint64_t seed) {
  Population out;
  out.residents.reserve(static_cast<size_t>(residents));
  out.assets = generateResidents(
      residents, today, [&](const registry::ImportRow& r) { out.residents.push_back(r); }, seed);
  return out;
}

std::vector<registry::AssetImport> generateResidents(
    int64_t residents, const CivilDate& today,
    const std::function<void(const registry::ImportRow&)>& each, uint64_t seed) {
  Rng rng{std::mt19937_64(seed)};
  Population out;  // assets only: residents go to `each`
  int64_t made = 0;
  registry::ImportRow row_out;
  const auto plan = streetPlan();
  std::map<int64_t, int> per_birthday;  // keeps ID sequence numbers unique
  const int64_t per_grid =
      (residents + static_cast<int64_t>(plan.size()) - 1) / static_cast<int64_t>(plan.size());
  int building_no = 0, row = 1;
  int in_community = 0;  // buildings are numbered per community, as on its signs: 1号楼, 2号楼…
  for (size_t gi = 0; gi < plan.size() && made < residents; ++gi) {
    const GridPlan& grid = plan[gi];
    if (gi == 0 || plan[gi - 1].community_code != grid.community_code) in_community = 0;
    int64_t placed = 0;
    while (placed < per_grid && made < residents) {
      ++building_no;
      const int units = rng.range(1, 4),
                floors = rng.chance(0.35) ? rng.range(11, 26) : rng.range(5, 7);
      // Unique within the community, so within the grid (the import finds a building by its
      // grid and name).
      const std::string bname = std::to_string(++in_community) + "号楼";
      const std::string address =
          std::string(kStreets[gi % 8]) + std::to_string(building_no * 3 + 1) + "弄" + bname;
      int elevators =
          floors >= 7 ? units : (rng.chance(0.2) ? 1 : 0);  // 加梯 in some old buildings
      for (int e = 0; e < elevators; ++e) {
        int in_days = rng.range(0, 364);
        CivilDate next = fromDays(toDays(today) + in_days);
        CivilDate last = fromDays(toDays(next) - 365);
        out.assets.push_back({grid.grid_code,
                              bname,
                              {.kind = "elevator",
                               .name = std::to_string(e + 1) + "单元电梯",
                               .location = std::to_string(e + 1) + "单元",
                               .owner = "业主委员会",
                               .maintainer = "安达电梯维保公司",
                               .last_inspection = formatDate(last),
                               .next_inspection = formatDate(next)}});
      }
      CivilDate fire_next = fromDays(toDays(today) + rng.range(0, 364));
      out.assets.push_back({grid.grid_code,
                            bname,
                            {.kind = "fire_equipment",
                             .name = "消防栓与灭火器",
                             .location = "各单元一楼",
                             .owner = "物业服务中心",
                             .maintainer = "物业服务中心",
                             .last_inspection = formatDate(fromDays(toDays(fire_next) - 365)),
                             .next_inspection = formatDate(fire_next)}});
      for (int u = 1; u <= units; ++u)
        for (int f = 1; f <= floors; ++f)
          for (int d = 1; d <= 2; ++d) {
            if (placed >= per_grid || made >= residents) continue;
            if (rng.chance(0.08)) continue;  // vacant
            std::vector<Person> people = household(rng);
            const std::string room = std::to_string(f * 100 + d);
            std::string surname = rng.pick(kSurnames);
            bool all_old = true;
            for (const auto& p : people) all_old = all_old && p.age >= 60;
            for (size_t i = 0; i < people.size(); ++i) {
              const Person& p = people[i];
              // Spouses keep their own surname; children mostly take the householder's.
              std::string name = (p.relation == "spouse" || p.relation == "parent")
                                     ? rng.pick(kSurnames)
                                     : surname;
              name += p.female ? rng.pick(kFemale) : rng.pick(kMale);
              CivilDate birth = fromDays(toDays({today.year - p.age - 1, today.month, today.day}) +
                                         rng.range(1, 365));
              int64_t bday = toDays(birth);
              int n = per_birthday[bday]++;
              char first17[48];  // 17 digits; room for any int the format could print
              std::snprintf(first17, sizeof first17, "330106%04d%02d%02d%03d", birth.year,
                            birth.month, birth.day, (n * 2 + (p.female ? 0 : 1)) % 1000);
              std::string id = std::string(first17) + idCheckCharacter(first17);
              const int age = ageOn(birth, today);
              std::string tags;
              auto tag = [&](const char* t) { tags += (tags.empty() ? "" : ",") + std::string(t); };
              if (people.size() == 1 && age >= 60) tag("living_alone");
              if (age >= 80) tag("advanced_age");
              if (people.size() == 2 && all_old) tag("empty_nest");
              if (age < 16 && rng.chance(0.02)) tag("left_behind_child");
              if (rng.chance(age >= 60 ? 0.025 : 0.012)) tag("low_income");
              if (rng.chance(age >= 70 ? 0.09 : 0.03)) tag("disabled");
              if (age >= 50 && rng.chance(0.002)) tag("bereaved_parent");
              if (age >= 20 && rng.chance(!p.female ? 0.02 : 0.002)) tag("veteran");
              if (age >= 18 && rng.chance(0.07)) tag("party_member");
              std::string skills;
              if (age >= 25 && age <= 80) {
                static const std::pair<const char*, double> kSkills[] = {
                    {"doctor", 0.006},      {"nurse", 0.005},     {"teacher", 0.012},
                    {"lawyer", 0.002},      {"counselor", 0.002}, {"social_worker", 0.003},
                    {"electrician", 0.008}, {"plumber", 0.005},   {"accountant", 0.006},
                    {"driver", 0.015},      {"cook", 0.008},      {"it", 0.01}};
                for (const auto& [code, rate] : kSkills)
                  if (rng.chance(rate)) skills += (skills.empty() ? "" : ",") + std::string(code);
              }
              double rs = rng.uniform();
              const char* status = rs < 0.72   ? "registered"
                                   : rs < 0.90 ? "permanent"
                                   : rs < 0.99 ? "floating"
                                               : "nominal";
              bool has_phone = age >= 14 && rng.chance(age >= 80 ? 0.6 : 0.95);
              double ex = rng.uniform();
              const char* ethnicity = ex < 0.955   ? "汉族"
                                      : ex < 0.97  ? "回族"
                                      : ex < 0.985 ? "满族"
                                      : ex < 0.993 ? "蒙古族"
                                                   : "壮族";
              row_out.row = ++row;
              auto& c = row_out.cells;
              c[registry::kFieldName] = name;
              c[registry::kFieldIdNumber] = id;
              c[registry::kFieldBuilding] = bname;
              c[registry::kFieldUnit] = std::to_string(u);
              c[registry::kFieldRoom] = room;
              c[registry::kFieldGrid] = grid.grid_code;
              c[registry::kFieldAddress] = address;
              c[registry::kFieldTags] = tags;
              c[registry::kFieldRelation] = p.relation;
              c[registry::kFieldResidenceStatus] = status;
              c[registry::kFieldSkills] = skills;
              c[registry::kFieldEthnicity] = ethnicity;
              c[registry::kFieldPhone] = has_phone ? phoneNumber(rng) : std::string();
              each(row_out);
              ++made;
              ++placed;
            }
          }
    }
  }
  return std::move(out.assets);
}

}  // namespace linli::demo
