#include "demo/history.h"

#include <algorithm>
#include <map>
#include <random>

#include "common/civil_date.h"
#include "demo/request_texts.h"

namespace linli::demo {

namespace {

constexpr TimeMs kMinute = 60 * 1000, kHour = 60 * kMinute, kDay = 24 * kHour;

// How often a street hears of each (weights): repairs, rubbish, noise and
// parking every day; lifts, pets and flyers often; emergencies and advice seldom.
const std::vector<std::pair<const char*, int>>& mix() {
  static const std::vector<std::pair<const char*, int>> m = {
      {"SQ-WX", 140}, {"SR-LJ", 110}, {"SQ-ZS", 90}, {"JM-TC", 90}, {"SQ-WY", 80},
      {"SQ-LL", 60},  {"SQ-DT", 50},  {"XC-XG", 50}, {"JM-ZD", 50}, {"SR-QT", 40},
      {"SG-ZY", 40},  {"SQ-CW", 40},  {"SQ-YL", 40}, {"SG-WZ", 30}, {"SR-GK", 20},
      {"TF-SS", 20},  {"SQ-FL", 20},  {"SQ-XL", 15}, {"TF-DT", 10}};
  return m;
}

// Filing hour of day (local), weighted: mornings and afternoons.
constexpr int kFilingHours[24] = {0, 0, 0, 0, 0, 0, 1, 3, 6, 9, 9, 7,
                                  4, 4, 7, 8, 7, 6, 5, 5, 4, 3, 1, 0};

const std::vector<const char*> kPastResolveNotes = {
    "已现场处理", "已联系相关单位处理", "已协调解决", "已安排维修完毕",
    "已上门处理", "已劝导整改",         "已清理完毕", "已电话回复居民"};
const std::vector<const char*> kCallerSurnames = {"王", "李", "张", "刘", "陈",
                                                  "杨", "赵", "黄", "周", "吴"};
const std::vector<const char*> kCallerTitles = {"先生", "女士", "阿姨", "大爷"};

std::string comment(int rating, std::mt19937_64& rng) {
  static const std::map<int, std::vector<const char*>> by = {
      {5, {"", "处理及时", "很满意，谢谢", "网格员很负责"}},
      {4, {"", "处理得不错", "还可以，就是慢了点"}},
      {3, {"", "一般", "拖了几天才来"}},
      {2, {"拖得太久", "没有彻底解决"}},
      {1, {"问题没解决", "一直没人联系我"}}};
  const auto& v = by.at(rating);
  return v[rng() % v.size()];
}

int rating(std::mt19937_64& rng) {
  const int r = static_cast<int>(rng() % 100);  // 5: 50%, 4: 26%, 3: 12%, 2: 7%, 1: 5%
  return r < 50 ? 5 : r < 76 ? 4 : r < 88 ? 3 : r < 95 ? 2 : 1;
}

// Minutes to start and to resolve, by priority.
TimeMs between(std::mt19937_64& rng, TimeMs lo, TimeMs hi) {
  return lo + static_cast<TimeMs>(rng() % static_cast<uint64_t>(hi - lo + 1));
}

}  // namespace

int64_t historySize(int64_t residents) { return std::clamp<int64_t>(residents / 50, 400, 4000); }

std::vector<requests::PastRequest> pastRequests(int64_t n, TimeMs now,
                                                const std::vector<HistoryPlace>& places,
                                                const std::vector<requests::Category>& categories,
                                                const HistoryHandlers& handlers, uint64_t seed) {
  std::vector<requests::PastRequest> out;
  if (n <= 0 || places.empty()) return out;
  std::map<std::string, std::string> unit;
  for (const auto& c : categories) unit[c.code] = c.unit;
  // Texts by category, from the set the corpus test checks.
  std::map<std::string, std::vector<RequestText>> texts;
  for (auto& t : requestTexts(5000)) texts[t.category].push_back(std::move(t));
  std::vector<const char*> codes;
  std::vector<int> weights;
  for (const auto& [code, w] : mix()) {
    if (!texts.count(code) || !unit.count(code)) continue;
    codes.push_back(code);
    weights.push_back(w);
  }
  if (codes.empty()) return out;
  std::mt19937_64 rng(seed);
  std::discrete_distribution<size_t> pick_category(weights.begin(), weights.end());
  std::discrete_distribution<int> pick_hour(std::begin(kFilingHours), std::end(kFilingHours));
  // The accounts' community hears a third of it (so their pages have history).
  std::vector<size_t> home, elsewhere;
  for (size_t i = 0; i < places.size(); ++i)
    (places[i].place.community_id == handlers.staff_community ? home : elsewhere).push_back(i);

  const TimeMs offset = 8 * kHour;  // the street's time: +08:00
  const TimeMs today = now - ((now + offset) % kDay);
  out.reserve(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    requests::PastRequest p;
    const std::string code = codes[pick_category(rng)];
    const auto& pool = texts[code];
    const RequestText& t = pool[rng() % pool.size()];
    p.category = code;
    p.priority = t.priority;
    p.description = t.text;
    const bool at_home = !home.empty() && (elsewhere.empty() || rng() % 3 == 0);
    const auto& from = at_home ? home : elsewhere;
    const HistoryPlace& where = places[from[rng() % from.size()]];
    p.place = where.place;
    p.address = where.community_name + std::to_string(1 + rng() % 30) + "幢" +
                std::to_string(1 + rng() % 4) + "单元";
    p.channel = rng() % 4 == 0 ? "integration" : "hotline";
    p.contact_name = std::string(kCallerSurnames[rng() % kCallerSurnames.size()]) +
                     kCallerTitles[rng() % kCallerTitles.size()];

    // A day in the past year (weekends quieter), at a daytime hour.
    int64_t days_ago = 0;
    do {
      days_ago = 1 + static_cast<int64_t>(rng() % 365);
    } while ((toDays(dateAt(today - days_ago * kDay)) + 3) % 7 >= 5 && rng() % 10 < 3);
    p.created_at = today - days_ago * kDay + pick_hour(rng) * kHour + between(rng, 0, 59) * kMinute;

    const std::string& u = unit[code];
    const HistoryHandler* by = nullptr;
    if (u == "department" && handlers.department)
      by = &*handlers.department;
    else if (at_home && u == "grid" && where.place.grid_id == handlers.worker_grid &&
             handlers.grid_worker)
      by = &*handlers.grid_worker;
    else if (at_home && handlers.community_staff)
      by = rng() % 4 == 0 && handlers.community_admin ? &*handlers.community_admin
                                                      : &*handlers.community_staff;
    if (by) {
      p.assignee_id = by->user_id;
      p.assignee_name = by->display_name;
    }

    TimeMs to_start = 0, to_resolve = 0;
    if (p.priority == "urgent") {
      to_start = between(rng, 10, 60) * kMinute;
      to_resolve = between(rng, 60, 240) * kMinute;
    } else if (p.priority == "high") {
      to_start = between(rng, 30, 180) * kMinute;
      to_resolve = between(rng, 3 * 60, 24 * 60) * kMinute;
    } else if (p.priority == "normal") {
      to_start = between(rng, 60, 6 * 60) * kMinute;
      to_resolve = between(rng, 4 * 60, 3 * 24 * 60) * kMinute;
    } else {
      to_start = between(rng, 2 * 60, 24 * 60) * kMinute;
      to_resolve = between(rng, 24 * 60, 5 * 24 * 60) * kMinute;
    }
    const TimeMs latest = now - kHour;  // all of it before now
    p.resolved_at = std::min(p.created_at + to_start + to_resolve, latest);
    p.started_at = std::min(p.created_at + to_start, p.resolved_at);
    p.resolve_note = kPastResolveNotes[rng() % kPastResolveNotes.size()];
    // Seven in ten are rated when called back (回访); the rest closed by the handler.
    const bool rated = rng() % 10 < 7;
    const TimeMs closed = p.resolved_at + between(rng, 2 * 60, 3 * 24 * 60) * kMinute;
    const int stars = rating(rng);
    if (closed < now) {  // else: resolved in the last days, awaiting its rating
      p.closed_at = closed;
      if (rated) {
        p.rating = stars;
        p.rating_comment = comment(stars, rng);
      }
    }
    out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
  return out;
}

}  // namespace linli::demo
