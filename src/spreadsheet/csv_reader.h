// CsvReader: a CSV file read record by record, so a million-row file is never
// held whole. Decodes UTF-8 (with or without BOM) or GB18030 (as Chinese Excel
// saves it), chosen from the first chunk; quoted fields may span lines; CR is
// dropped. Cells are returned as written (no trimming).
#pragma once

#include <iconv.h>

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "common/result.h"

namespace linli::spreadsheet {

class CsvReader {
 public:
  // Reads `chunk_bytes` at a time (the last character of a chunk may be cut).
  explicit CsvReader(std::istream& in, size_t chunk_bytes = 1 << 20);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // The next record into `cells` (their buffers reused) and the physical line
  // it starts on; false at the end of the file.
  Result<bool> next(std::vector<std::string>& cells, int& line);
  // Bytes of the file consumed so far (for progress bars).
  uint64_t bytesRead() const { return bytes_read_; }

 private:
  // Appends the next decoded chunk to buf_; false at the end of the file.
  Result<bool> fill();

  std::istream& in_;
  size_t chunk_;
  std::string buf_, raw_, pending_;
  size_t pos_ = 0;
  bool eof_ = false, started_ = false;
  iconv_t gb18030_ = reinterpret_cast<iconv_t>(-1);
  int line_ = 1;
  uint64_t bytes_read_ = 0;
};

}  // namespace linli::spreadsheet
