// `linli bench spreadsheet [--rows N] [--repeats R] [--json]`: writes a
// resident-like XLSX of N rows with writeXlsx, reads it back with readXlsx R
// times and prints the median read time, rows/s and MB/s of the file (and the
// same for the CSV reader on the same table). Exits non-zero when a read-back
// differs from what was written.
#pragma once

namespace linli::bench {

struct SpreadsheetBenchOptions {
  int rows = 20000;
  int repeats = 5;
  bool json = false;
};

int runSpreadsheetBench(const SpreadsheetBenchOptions& options);

}  // namespace linli::bench
