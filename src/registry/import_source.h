// ImportSource: where the rows of a resident import come from, one at a time,
// so a million-row file is never held whole. Three kinds: an uploaded table
// already in memory, a CSV file streamed from disk, and rows built in memory
// (demo data). Column mapping (spreadsheet header → import field) is checked
// once here: unknown fields, missing columns, a field mapped twice and the
// four required fields (name, id_number, building, room) are refused with the
// field "mapping".
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "registry/model.h"
#include "spreadsheet/spreadsheet.h"

namespace linli::registry {

using ColumnMapping = std::map<std::string, std::optional<std::string>>;  // header → field

class ImportSource {
 public:
  virtual ~ImportSource() = default;
  // Whether a column is mapped to each field (an unmapped tags column leaves tags alone).
  virtual const std::array<bool, kImportFieldCount>& mapped() const = 0;
  // The next non-blank row into `row` (its buffers reused); false at the end.
  virtual Result<bool> next(ImportRow& row) = 0;
  // Progress as (done, total) in the source's unit: rows, or bytes of a file.
  virtual std::pair<size_t, size_t> progress() const = 0;
};

// Field index → column index (or -1), checked as described above.
struct ColumnPlan {
  std::array<int, kImportFieldCount> column;
  std::array<bool, kImportFieldCount> mapped;
};
Result<ColumnPlan> planColumns(const std::vector<std::string>& headers,
                               const ColumnMapping& mapping);

// A table in memory (an upload or an XLSX file); the table must outlive the source.
Result<std::unique_ptr<ImportSource>> tableSource(const spreadsheet::Table& table,
                                                  const ColumnMapping& mapping);
// Rows built in memory with every field mapped; the rows must outlive the source.
std::unique_ptr<ImportSource> rowsSource(const std::vector<ImportRow>& rows);

// A spreadsheet file on disk or as bytes: CSV streamed record by record (the
// bytes are not copied), XLSX read whole. Open reads the header row; choose the
// mapping before the first next(), or read raw records with nextRecord().
class SpreadsheetFile : public ImportSource {
 public:
  static Result<std::unique_ptr<SpreadsheetFile>> open(const std::string& path);
  static Result<std::unique_ptr<SpreadsheetFile>> fromBytes(
      std::shared_ptr<const std::string> bytes);
  virtual const std::vector<std::string>& headers() const = 0;
  virtual Status useMapping(const ColumnMapping& mapping) = 0;
  // The next non-blank record as written and its row number (header = 1), no mapping needed.
  virtual Result<bool> nextRecord(std::vector<std::string>& cells, int& row) = 0;
};

// One field per recognised header (姓名 → name, 身份证号 → id_number, ...), each field once.
ColumnMapping suggestMapping(const std::vector<std::string>& headers);

}  // namespace linli::registry
