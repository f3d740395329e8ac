#include "bench/reports_bench.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "demo/demo.h"
#include "demo/population.h"
#include "registry/vocabulary.h"
#include "reports/reports.h"
#include "spreadsheet/spreadsheet.h"

namespace linli::bench {

namespace {

using Clock = std::chrono::steady_clock;

struct Case {
  std::string name;
  nlohmann::json filter;
  std::vector<std::string> group_by;
  std::string sql;  // same question; ? are the birth-date bounds etc. bound in order
  std::vector<storage::Value> params;
};

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

std::string bornBy(const CivilDate& on, int years) {
  return formatDate({on.year - years, on.month, on.day});
}

double peakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}

}  // namespace

int runReportsBench(const ReportsBenchOptions& o) {
  spdlog::set_level(spdlog::level::warn);
  const std::string dir = (std::filesystem::temp_directory_path() /
                           ("linli-bench-reports-" + std::to_string(::getpid())))
                              .string();
  auto opened = app::openApp({.data_dir = dir});
  if (!opened.ok()) {
    std::cerr << "bench: " << opened.status().toString() << "\n";
    return 1;
  }
  app::App& a = **opened;
  auto demo = demo::loadDemo(*a.db, *a.registry, *a.auth, *a.clock, 0);  // places and accounts
  if (!demo.ok()) {
    std::cerr << "bench: " << demo.status().toString() << "\n";
    return 1;
  }
  const CivilDate today = dateAt(a.clock->now());

  // 1. A CSV of the population, written row by row, imported as an operator would.
  const std::string csv_path = dir + "/residents.csv";
  {
    std::ofstream csv(csv_path, std::ios::binary);
    std::string buf = spreadsheet::kUtf8Bom;
    spreadsheet::appendCsvLine(buf, registry::importFields());
    std::vector<std::string> cells(registry::kImportFieldCount);
    demo::generateResidents(o.residents, today, [&](const registry::ImportRow& r) {
      for (int f = 0; f < registry::kImportFieldCount; ++f) cells[f] = r.cells[f];
      spreadsheet::appendCsvLine(buf, cells);
      if (buf.size() > (1 << 20)) {
        csv << buf;
        buf.clear();
      }
    });
    csv << buf;
  }
  {
    // On disk before the clock starts: its write-back would otherwise share
    // the two cores with the import being measured.
    int fd = ::open(csv_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      ::fsync(fd);
      ::close(fd);
    }
  }

  auto import_started = Clock::now();
  auto file = registry::SpreadsheetFile::open(csv_path);
  Status mapped =
      file.ok() ? (*file)->useMapping(registry::suggestMapping((*file)->headers())) : file.status();
  if (!mapped.ok()) {
    std::cerr << "bench: " << mapped.toString() << "\n";
    return 1;
  }
  auto imported = a.registry->importResidentsAsOperator(**file, {.source = "bench"});
  const double import_s = ms(Clock::now() - import_started) / 1000;
  if (!imported.ok() || !imported->errors.empty()) {
    std::cerr << "bench: import failed: "
              << (imported.ok() ? imported->errors.front().reason : imported.status().toString())
              << "\n";
    return 1;
  }
  const size_t row_count = static_cast<size_t>(imported->rows);
  const double import_rate = row_count / import_s;

  // 2. The report index.
  auto index_started = Clock::now();
  Status started = a.reports->start();
  if (!started.ok()) {
    std::cerr << "bench: " << started.toString() << "\n";
    return 1;
  }
  const double index_s = ms(Clock::now() - index_started) / 1000;

  auto admin = a.auth->login(Caller{std::nullopt, "127.0.0.1", "bench"}, "street_admin",
                             demo::kDemoPassword);
  http::Request req;
  req.headers.emplace_back("cookie", "linli_session=" + admin->session_token);
  Caller caller{*a.auth->authenticate(req).value(), "127.0.0.1", "bench"};

  const std::string b90 = bornBy(today, 90), b80 = bornBy(today, 80), b60 = bornBy(today, 60),
                    b70 = bornBy(today, 70), b18 = bornBy(today, 18), b46 = bornBy(today, 46),
                    b16 = bornBy(today, 16);
  const std::string alone =
      " AND household_id IN (SELECT household_id FROM residents WHERE status = 'active' "
      "GROUP BY household_id HAVING COUNT(*) = 1)";
  auto tag = [](const char* t) {
    return std::string(
               " AND EXISTS (SELECT 1 FROM resident_tags x WHERE x.resident_id = residents.id AND "
               "x.tag = '") +
           t + "')";
  };
  std::vector<Case> cases = {
      {"age>=90",
       {{"age_min", 90}},
       {},
       "SELECT COUNT(*) FROM residents WHERE status = 'active' AND birth_date <= ?",
       {b90}},
      {"age>=90 living alone",
       {{"age_min", 90}, {"living_alone", true}},
       {},
       "SELECT COUNT(*) FROM residents WHERE status = 'active' AND birth_date <= ?" + alone,
       {b90}},
      {"80+ tagged living_alone in community 1",
       {{"age_min", 80}, {"tags_all", {"living_alone"}}, {"community_id", "1"}},
       {},
       "SELECT COUNT(*) FROM residents WHERE status = 'active' AND community_id = 1 AND birth_date "
       "<= ?" +
           tag("living_alone"),
       {b80}},
      {"disabled or low_income in community 1 by grid",
       {{"tags_any", {"disabled", "low_income"}}, {"community_id", "1"}},
       {"grid"},
       "SELECT grid_id, COUNT(*) FROM residents WHERE status = 'active' AND community_id = 1 AND "
       "EXISTS "
       "(SELECT 1 FROM resident_tags x WHERE x.resident_id = residents.id AND x.tag IN "
       "('disabled', 'low_income')) GROUP BY grid_id",
       {}},
      {"women 60-69",
       {{"age_min", 60}, {"age_max", 69}, {"sex", "female"}},
       {},
       "SELECT COUNT(*) FROM residents WHERE status = 'active' AND sex = 'female' AND birth_date "
       "<= ? AND birth_date > ?",
       {b60, b70}},
      {"party members by community",
       {{"tags_all", {"party_member"}}},
       {"community"},
       "SELECT community_id, COUNT(*) FROM residents WHERE status = 'active'" +
           tag("party_member") + " GROUP BY community_id",
       {}},
      {"floating 18-45",
       {{"residence_status", {"floating"}}, {"age_min", 18}, {"age_max", 45}},
       {},
       "SELECT COUNT(*) FROM residents WHERE status = 'active' AND residence_status = 'floating' "
       "AND birth_date <= ? AND birth_date > ?",
       {b18, b46}},
      {"doctors or nurses",
       {{"skills_any", {"doctor", "nurse"}}},
       {},
       "SELECT COUNT(*) FROM residents WHERE status = 'active' AND (',' || skills || ',' LIKE "
       "'%,doctor,%' OR ',' || skills || ',' LIKE '%,nurse,%')",
       {}},
      {"left-behind children under 16",
       {{"tags_all", {"left_behind_child"}}, {"age_max", 15}},
       {},
       "SELECT COUNT(*) FROM residents WHERE status = 'active' AND birth_date > ?" +
           tag("left_behind_child"),
       {b16}},
      {"60+ by age band",
       {{"age_min", 60}},
       {"age_band"},
       // Whole years completed today, in bands of ten, 90 and over in one.
       "SELECT MIN(9, (CAST(substr(?, 1, 4) AS INTEGER) - CAST(substr(birth_date, 1, 4) AS "
       "INTEGER) - (substr(birth_date, 6, 5) > substr(?, 6, 5))) / 10), COUNT(*) "
       "FROM residents WHERE status = 'active' AND birth_date <= ? GROUP BY 1",
       {formatDate(today), formatDate(today), b60}},
      {"empty nest, not low income, grid 1",
       {{"tags_all", {"empty_nest"}}, {"tags_none", {"low_income"}}, {"grid_id", "1"}},
       {},
       "SELECT COUNT(*) FROM residents WHERE status = 'active' AND grid_id = 1" +
           tag("empty_nest") +
           " AND NOT EXISTS (SELECT 1 FROM resident_tags x WHERE x.resident_id = residents.id AND "
           "x.tag = 'low_income')",
       {}},
      {"households of 5 or more",
       {{"household_size_min", 5}},
       {},
       "SELECT COUNT(*) FROM residents WHERE status = 'active' AND household_id IN (SELECT "
       "household_id FROM residents "
       "WHERE status = 'active' GROUP BY household_id HAVING COUNT(*) >= 5)",
       {}},
  };

  nlohmann::json out_cases = nlohmann::json::array();
  double worst_p95 = 0, worst_page_p95 = 0, min_ratio = 1e18;
  int disagreements = 0;
  if (!o.json)
    std::printf("%-44s %8s %9s %9s %8s %8s %9s %10s\n", "query", "count", "linli p50", "linli p95",
                "SQL p50", "SQL p95", "SQL/linli", "+page p95");
  for (const Case& c : cases) {
    auto filter = reports::parseFilter(c.filter);
    if (!filter.ok()) {
      std::cerr << "bench: " << c.name << ": " << filter.status().toString() << "\n";
      return 1;
    }
    // linli: the engine's answer (count, groups, the page's ids) — what the SQL computes too;
    // page: the whole report call, which also loads the page's 20 residents from SQLite.
    std::vector<double> linli_ms, page_ms, sql_ms;
    int64_t count = 0, report_count = -1;
    std::vector<int64_t> engine_groups, sql_groups;  // counts per group, sorted
    reports::Query query{*filter, access::placeOf(*caller.principal), c.group_by, 1, 20, false};
    // One untimed run of each side first: figures are for a warm process, not first page faults.
    (void)a.reports->query(caller, *filter, c.group_by, 1, 20);
    (void)a.db->read([&](storage::Tx& tx) { return tx.query(c.sql, c.params).status(); });
    for (int i = 0; i < o.repeats; ++i) {
      auto t0 = Clock::now();
      auto engine = a.reports->index().run(query, today);
      linli_ms.push_back(ms(Clock::now() - t0));
      auto t1 = Clock::now();
      auto answer = a.reports->query(caller, *filter, c.group_by, 1, 20);
      page_ms.push_back(ms(Clock::now() - t1));
      if (!engine.ok() || !answer.ok()) {
        std::cerr << "bench: " << c.name << ": failed\n";
        return 1;
      }
      count = engine->count;
      engine_groups.clear();
      if (c.group_by.size() == 1)
        for (const auto& g : engine->groups[c.group_by[0]])
          if (g.count > 0) engine_groups.push_back(g.count);
      report_count = answer->value("count", int64_t{-1});
    }
    int64_t sql_count = -1;
    for (int i = 0; i < std::max(3, o.repeats / 4); ++i) {
      auto t0 = Clock::now();
      Status st = a.db->read([&](storage::Tx& tx) -> Status {
        LINLI_ASSIGN_OR_RETURN(auto rows, tx.query(c.sql, c.params));
        int64_t n = 0;
        sql_groups.clear();
        for (const auto& r : rows) {
          n += r.i64(r.cols.size() - 1);
          if (r.cols.size() == 2 && r.i64(1) > 0) sql_groups.push_back(r.i64(1));
        }
        sql_count = n;
        return Status::Ok();
      });
      sql_ms.push_back(ms(Clock::now() - t0));
      if (!st.ok()) {
        std::cerr << "bench: SQL " << c.name << ": " << st.toString() << "\n";
        return 1;
      }
    }
    // The engine must agree with SQL, or its speed means nothing: a disagreement fails the run.
    std::sort(engine_groups.begin(), engine_groups.end());
    std::sort(sql_groups.begin(), sql_groups.end());
    const bool groups_agree = c.group_by.size() != 1 || engine_groups == sql_groups;
    const bool agree = count == sql_count && report_count == count && groups_agree;
    if (!agree) {
      std::fprintf(stderr,
                   "bench reports: %s: the engine counts %lld, the report answers %lld, SQL counts "
                   "%lld%s\n",
                   c.name.c_str(), static_cast<long long>(count),
                   static_cast<long long>(report_count), static_cast<long long>(sql_count),
                   groups_agree ? "" : "; the group counts differ");
      ++disagreements;
    }
    double lp50 = percentile(linli_ms, 0.5), lp95 = percentile(linli_ms, 0.95);
    double sp50 = percentile(sql_ms, 0.5), sp95 = percentile(sql_ms, 0.95);
    double pp95 = percentile(page_ms, 0.95);
    worst_page_p95 = std::max(worst_page_p95, pp95);
    worst_p95 = std::max(worst_p95, lp95);
    min_ratio = std::min(min_ratio, sp95 / lp95);
    out_cases.push_back({{"name", c.name},
                         {"count", count},
                         {"sql_count", sql_count},
                         {"linli_p50_ms", lp50},
                         {"linli_p95_ms", lp95},
                         {"sql_p50_ms", sp50},
                         {"sql_p95_ms", sp95},
                         {"ratio", sp95 / lp95},
                         {"with_page_p95_ms", pp95}});
    if (!o.json)
      std::printf("%-44s %8lld %9.3f %9.3f %8.2f %8.2f %8.1fx %10.2f%s\n", c.name.c_str(),
                  static_cast<long long>(count), lp50, lp95, sp50, sp95, sp95 / lp95, pp95,
                  agree ? "" : "  (disagrees with SQL)");
  }
  const double rss = peakRssMb();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  if (o.json) {
    std::cout << nlohmann::json{{"residents", row_count},
                                {"p95_ms", worst_p95},
                                {"sql_ratio", min_ratio},
                                {"with_page_p95_ms", worst_page_p95},
                                {"import_rows_per_s", std::round(import_rate)},
                                {"index_build_s", index_s},
                                {"peak_rss_mb", std::round(rss)},
                                {"disagreements", disagreements},
                                {"queries", out_cases}}
                     .dump()
              << "\n";
  } else {
    std::printf(
        "\nresidents %zu · import %.0f rows/s (%.1f s) · index built in %.2f s (%.0f MB) · "
        "worst linli p95 %.2f ms (%.2f ms with the page of residents) · smallest SQL/linli "
        "ratio %.1fx · peak RSS %.0f MB\n",
        row_count, import_rate, import_s, index_s, a.reports->index().memoryBytes() / 1048576.0,
        worst_p95, worst_page_p95, min_ratio, rss);
  }
  return disagreements == 0 ? 0 : 1;
}

}  // namespace linli::bench
