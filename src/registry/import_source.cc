#include "registry/import_source.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "common/text_normalize.h"
#include "registry/vocabulary.h"
#include "spreadsheet/csv_reader.h"

namespace linli::registry {

namespace {

bool blank(const std::vector<std::string>& cells) {
  for (const auto& c : cells)
    if (!trimmed(halfWidth(c)).empty()) return false;
  return true;
}

void fillRow(const ColumnPlan& plan, const std::vector<std::string>& cells, int row_number,
             ImportRow& row) {
  row.row = row_number;
  for (int f = 0; f < kImportFieldCount; ++f) {
    const int col = plan.column[f];
    if (col >= 0 && static_cast<size_t>(col) < cells.size())
      row.cells[f].assign(cells[col]);
    else
      row.cells[f].clear();
  }
}

class TableSource final : public ImportSource {
 public:
  TableSource(const spreadsheet::Table& table, ColumnPlan plan) : table_(table), plan_(plan) {}
  const std::array<bool, kImportFieldCount>& mapped() const override { return plan_.mapped; }
  Result<bool> next(ImportRow& row) override {
    if (at_ == table_.rows.size()) return false;
    fillRow(plan_, table_.rows[at_],
            at_ < table_.row_numbers.size() ? table_.row_numbers[at_] : static_cast<int>(at_ + 2),
            row);
    ++at_;
    return true;
  }
  std::pair<size_t, size_t> progress() const override { return {at_, table_.rows.size()}; }

 private:
  const spreadsheet::Table& table_;
  ColumnPlan plan_;
  size_t at_ = 0;
};

class RowsSource final : public ImportSource {
 public:
  explicit RowsSource(const std::vector<ImportRow>& rows) : rows_(rows) { mapped_.fill(true); }
  const std::array<bool, kImportFieldCount>& mapped() const override { return mapped_; }
  Result<bool> next(ImportRow& row) override {
    if (at_ == rows_.size()) return false;
    row = rows_[at_++];
    return true;
  }
  std::pair<size_t, size_t> progress() const override { return {at_, rows_.size()}; }

 private:
  const std::vector<ImportRow>& rows_;
  std::array<bool, kImportFieldCount> mapped_;
  size_t at_ = 0;
};

// A read-only stream over bytes held elsewhere (an upload), without copying them.
class BytesBuf final : public std::streambuf {
 public:
  explicit BytesBuf(std::shared_ptr<const std::string> bytes) : bytes_(std::move(bytes)) {
    char* at = const_cast<char*>(bytes_->data());
    setg(at, at, at + bytes_->size());
  }

 private:
  std::shared_ptr<const std::string> bytes_;
};

class CsvFile final : public SpreadsheetFile {
 public:
  CsvFile(std::unique_ptr<std::istream> in, uint64_t size, std::unique_ptr<std::streambuf> buf = {})
      : buf_(std::move(buf)), in_(std::move(in)), reader_(*in_), size_(size) {}
  Status readHeaders() {
    for (;;) {
      LINLI_ASSIGN_OR_RETURN(bool more, reader_.next(cells_, header_line_));
      if (!more) return invalidArgument("file", "the file has no header row");
      if (blank(cells_)) continue;
      for (const auto& h : cells_) headers_.push_back(trimmed(halfWidth(h)));
      return Status::Ok();
    }
  }
  const std::vector<std::string>& headers() const override { return headers_; }
  Status useMapping(const ColumnMapping& mapping) override {
    LINLI_ASSIGN_OR_RETURN(plan_, planColumns(headers_, mapping));
    return Status::Ok();
  }
  const std::array<bool, kImportFieldCount>& mapped() const override { return plan_.mapped; }
  Result<bool> nextRecord(std::vector<std::string>& cells, int& row) override {
    for (;;) {
      int line = 0;
      LINLI_ASSIGN_OR_RETURN(bool more, reader_.next(cells, line));
      if (!more) return false;
      if (blank(cells)) continue;
      row = line - header_line_ + 1;
      return true;
    }
  }
  Result<bool> next(ImportRow& row) override {
    int number = 0;
    LINLI_ASSIGN_OR_RETURN(bool more, nextRecord(cells_, number));
    if (more) fillRow(plan_, cells_, number, row);
    return more;
  }
  std::pair<size_t, size_t> progress() const override {
    return {static_cast<size_t>(reader_.bytesRead()), static_cast<size_t>(size_)};
  }

 private:
  std::unique_ptr<std::streambuf> buf_;  // under in_, when reading bytes in memory
  std::unique_ptr<std::istream> in_;
  spreadsheet::CsvReader reader_;
  uint64_t size_;
  std::vector<std::string> headers_, cells_;
  int header_line_ = 1;
  ColumnPlan plan_{};
};

class XlsxFile final : public SpreadsheetFile {
 public:
  explicit XlsxFile(spreadsheet::Table table) : table_(std::move(table)) {}
  const std::vector<std::string>& headers() const override { return table_.headers; }
  Status useMapping(const ColumnMapping& mapping) override {
    LINLI_ASSIGN_OR_RETURN(auto plan, planColumns(table_.headers, mapping));
    rows_ = std::make_unique<TableSource>(table_, plan);
    return Status::Ok();
  }
  const std::array<bool, kImportFieldCount>& mapped() const override { return rows_->mapped(); }
  Result<bool> nextRecord(std::vector<std::string>& cells, int& row) override {
    if (record_ == table_.rows.size()) return false;
    cells = table_.rows[record_];
    row = table_.row_numbers[record_++];
    return true;
  }
  Result<bool> next(ImportRow& row) override { return rows_->next(row); }
  std::pair<size_t, size_t> progress() const override { return rows_->progress(); }

 private:
  spreadsheet::Table table_;
  std::unique_ptr<TableSource> rows_;
  size_t record_ = 0;
};

}  // namespace

Result<ColumnPlan> planColumns(const std::vector<std::string>& headers,
                               const ColumnMapping& mapping) {
  ColumnPlan plan;
  plan.column.fill(-1);
  plan.mapped.fill(false);
  const auto& known = importFields();
  for (const auto& [header, field] : mapping) {
    if (!field) continue;
    auto f = std::find(known.begin(), known.end(), *field);
    if (f == known.end())
      return invalidArgument("mapping", "unknown import field " + *field + " for column " + header);
    auto at = std::find(headers.begin(), headers.end(), header);
    if (at == headers.end()) return invalidArgument("mapping", "the file has no column " + header);
    const auto index = f - known.begin();
    if (plan.mapped[index])
      return invalidArgument("mapping", "two columns are mapped to " + *field);
    plan.mapped[index] = true;
    plan.column[index] = static_cast<int>(at - headers.begin());
  }
  for (ImportField required : {kFieldName, kFieldIdNumber, kFieldBuilding, kFieldRoom})
    if (!plan.mapped[required])
      return invalidArgument("mapping", "map a column to " + known[required]);
  return plan;
}

Result<std::unique_ptr<ImportSource>> tableSource(const spreadsheet::Table& table,
                                                  const ColumnMapping& mapping) {
  LINLI_ASSIGN_OR_RETURN(auto plan, planColumns(table.headers, mapping));
  return std::unique_ptr<ImportSource>(std::make_unique<TableSource>(table, plan));
}

std::unique_ptr<ImportSource> rowsSource(const std::vector<ImportRow>& rows) {
  return std::make_unique<RowsSource>(rows);
}

Result<std::unique_ptr<SpreadsheetFile>> SpreadsheetFile::open(const std::string& path) {
  auto in = std::make_unique<std::ifstream>(path, std::ios::binary | std::ios::ate);
  if (!*in) return invalidArgument("file", "cannot read " + path);
  const auto size = static_cast<uint64_t>(in->tellg());
  in->seekg(0);
  char magic[4] = {};
  in->read(magic, 4);
  in->clear();
  in->seekg(0);
  if (std::string_view(magic, 4) == std::string_view("PK\x03\x04", 4)) {
    std::stringstream bytes;
    bytes << in->rdbuf();
    LINLI_ASSIGN_OR_RETURN(auto table, spreadsheet::readXlsx(bytes.str()));
    return std::unique_ptr<SpreadsheetFile>(std::make_unique<XlsxFile>(std::move(table)));
  }
  auto csv = std::make_unique<CsvFile>(std::move(in), size);
  LINLI_TRY(csv->readHeaders());
  return std::unique_ptr<SpreadsheetFile>(std::move(csv));
}

Result<std::unique_ptr<SpreadsheetFile>> SpreadsheetFile::fromBytes(
    std::shared_ptr<const std::string> bytes) {
  if (bytes->compare(0, 4, "PK\x03\x04", 4) == 0) {
    LINLI_ASSIGN_OR_RETURN(auto table, spreadsheet::readXlsx(*bytes));
    return std::unique_ptr<SpreadsheetFile>(std::make_unique<XlsxFile>(std::move(table)));
  }
  const uint64_t size = bytes->size();
  auto buf = std::make_unique<BytesBuf>(std::move(bytes));
  auto in = std::make_unique<std::istream>(buf.get());
  auto csv = std::make_unique<CsvFile>(std::move(in), size, std::move(buf));
  LINLI_TRY(csv->readHeaders());
  return std::unique_ptr<SpreadsheetFile>(std::move(csv));
}

ColumnMapping suggestMapping(const std::vector<std::string>& headers) {
  ColumnMapping mapping;
  std::set<std::string> taken;
  for (const auto& h : headers) {
    auto field = suggestField(h);
    if (field && taken.insert(*field).second)
      mapping[h] = field;
    else
      mapping[h] = std::nullopt;
  }
  return mapping;
}

}  // namespace linli::registry
