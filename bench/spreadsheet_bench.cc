#include "bench/spreadsheet_bench.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "spreadsheet/spreadsheet.h"

namespace linli::bench {

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::vector<std::string>> residentRows(int n) {
  static const char* surnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄"};
  static const char* given[] = {"秀英", "建国", "丽", "伟", "芳", "强", "敏", "军"};
  std::vector<std::vector<std::string>> rows;
  rows.reserve(n);
  for (int i = 0; i < n; ++i) {
    char id[24], phone[24];
    std::snprintf(id, sizeof id, "1101051950%04d%03d%c", 101 + i % 1200, i % 1000, '0' + i % 10);
    std::snprintf(phone, sizeof phone, "139%08d", i);
    rows.push_back({std::string(surnames[i % 8]) + given[(i / 8) % 8], id, i % 2 ? "男" : "女",
                    phone, std::to_string(1 + i % 30) + "号楼" + std::to_string(1 + i % 6) + "单元",
                    i % 7 == 0 ? "独居,高龄" : "", i % 11 == 0 ? "说 \"你好\" & <再见>" : ""});
  }
  return rows;
}

template <typename F>
double medianMs(int repeats, F&& f) {
  std::vector<double> ms;
  for (int i = 0; i < repeats; ++i) {
    auto t0 = Clock::now();
    if (!f()) return -1;
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace

int runSpreadsheetBench(const SpreadsheetBenchOptions& o) {
  const std::vector<std::string> headers = {"姓名", "身份证号", "性别", "手机",
                                            "住址", "特殊群体", "备注"};
  const auto rows = residentRows(o.rows);
  std::string xlsx;
  const double write_ms = medianMs(o.repeats, [&] {
    xlsx = spreadsheet::writeXlsx(headers, rows);
    return true;
  });
  const std::string csv = spreadsheet::writeCsv(headers, rows);
  auto check = [&](const Result<spreadsheet::Table>& t) {
    if (!t.ok()) {
      std::fprintf(stderr, "bench spreadsheet: read failed: %s\n", t.status().toString().c_str());
      return false;
    }
    if (t->headers != headers || t->rows.size() != rows.size() ||
        (!rows.empty() && (t->rows.front() != rows.front() || t->rows.back() != rows.back()))) {
      std::fprintf(stderr, "bench spreadsheet: the table read back differs from the one written\n");
      return false;
    }
    return true;
  };
  const double xlsx_ms = medianMs(o.repeats, [&] { return check(spreadsheet::readXlsx(xlsx)); });
  const double csv_ms = medianMs(o.repeats, [&] { return check(spreadsheet::readCsv(csv)); });
  if (xlsx_ms < 0 || csv_ms < 0) return 1;
  auto per_s = [&](double ms) { return ms > 0 ? o.rows * 1000.0 / ms : 0.0; };
  auto mb_s = [&](size_t bytes, double ms) { return ms > 0 ? bytes / 1e6 * 1000.0 / ms : 0.0; };
  if (o.json) {
    std::printf(
        "{\"rows\":%d,\"xlsx_bytes\":%zu,\"write_xlsx_ms\":%.1f,\"read_xlsx_ms\":%.1f,"
        "\"read_xlsx_rows_per_s\":%.0f,\"csv_bytes\":%zu,\"read_csv_ms\":%.1f,"
        "\"read_csv_rows_per_s\":%.0f}\n",
        o.rows, xlsx.size(), write_ms, xlsx_ms, per_s(xlsx_ms), csv.size(), csv_ms, per_s(csv_ms));
  } else {
    std::printf("rows %d, median of %d runs\n", o.rows, o.repeats);
    std::printf("writeXlsx  %8.1f ms  (%zu bytes)\n", write_ms, xlsx.size());
    std::printf("readXlsx   %8.1f ms  %9.0f rows/s  %6.1f MB/s of file\n", xlsx_ms, per_s(xlsx_ms),
                mb_s(xlsx.size(), xlsx_ms));
    std::printf("readCsv    %8.1f ms  %9.0f rows/s  %6.1f MB/s of file (%zu bytes)\n", csv_ms,
                per_s(csv_ms), mb_s(csv.size(), csv_ms), csv.size());
  }
  return 0;
}

}  // namespace linli::bench
