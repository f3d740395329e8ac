#include "spreadsheet/csv_reader.h"

#include <algorithm>
#include <cerrno>

#include "common/text_check.h"

namespace linli::spreadsheet {

CsvReader::CsvReader(std::istream& in, size_t chunk_bytes)
    : in_(in), chunk_(std::max<size_t>(chunk_bytes, 1)) {}

CsvReader::~CsvReader() {
  if (gb18030_ != reinterpret_cast<iconv_t>(-1)) iconv_close(gb18030_);
}

Result<bool> CsvReader::fill() {
  if (eof_) return false;
  raw_.resize(chunk_);
  in_.read(raw_.data(), static_cast<std::streamsize>(raw_.size()));
  raw_.resize(static_cast<size_t>(in_.gcount()));
  bytes_read_ += raw_.size();
  if (raw_.empty()) eof_ = true;
  std::string input = pending_ + raw_;
  pending_.clear();
  if (input.empty()) return false;
  if (!started_) {
    started_ = true;
    bool cut = false;
    if (input.rfind("\xEF\xBB\xBF", 0) == 0) {
      input.erase(0, 3);
    } else if (validUtf8Prefix(input, cut) != input.size() && !cut) {
      gb18030_ = iconv_open("UTF-8", "GB18030");
      if (gb18030_ == reinterpret_cast<iconv_t>(-1))
        return internalError("GB18030 conversion unavailable");
    }
  }
  if (gb18030_ == reinterpret_cast<iconv_t>(-1)) {
    bool cut = false;
    size_t ok = validUtf8Prefix(input, cut);
    if (ok != input.size() && (!cut || eof_))
      return invalidArgument("file", "the file is neither UTF-8 nor GB18030 text (near line " +
                                         std::to_string(line_) + ")");
    pending_ = input.substr(ok);
    buf_.append(input, 0, ok);
    return true;
  }
  size_t old = buf_.size();
  buf_.resize(old + input.size() * 2 + 16);
  char* src = input.data();
  size_t src_left = input.size();
  char* dst = buf_.data() + old;
  size_t dst_left = buf_.size() - old;
  size_t rc = iconv(gb18030_, &src, &src_left, &dst, &dst_left);
  buf_.resize(buf_.size() - dst_left);
  if (rc == static_cast<size_t>(-1) && (errno != EINVAL || eof_))
    return invalidArgument("file", "the file is neither UTF-8 nor GB18030 text (near line " +
                                       std::to_string(line_) + ")");
  pending_.assign(src, src_left);  // a character cut by the chunk boundary
  return true;
}

Result<bool> CsvReader::next(std::vector<std::string>& cells, int& line) {
  for (;;) {
    // Parse one record from buf_[pos_]; if the buffer ends first, read more and start over.
    size_t used = 0;
    int newlines = 0;
    bool complete = false, quoted = false;
    size_t n = 0;  // cells filled
    auto cell = [&]() -> std::string& {
      if (n == cells.size()) cells.emplace_back();
      return cells[n];
    };
    if (pos_ < buf_.size()) cell().clear();
    size_t i = pos_;
    const size_t end = buf_.size();
    while (i < end) {
      char c = buf_[i];
      if (quoted) {
        if (c == '"') {
          if (i + 1 == end && !eof_) break;  // cannot tell "" from " yet
          if (i + 1 < end && buf_[i + 1] == '"') {
            cell() += '"';
            i += 2;
            continue;
          }
          quoted = false;
        } else {
          if (c == '\n') ++newlines;
          cell() += c;
        }
        ++i;
        continue;
      }
      if (c == '"' && cell().empty()) {
        quoted = true;
      } else if (c == ',') {
        ++n;
        cell().clear();
      } else if (c == '\n') {
        ++i;
        complete = true;
        break;
      } else if (c != '\r') {
        // Copy the plain run in one go.
        size_t j = i;
        while (j < end && buf_[j] != ',' && buf_[j] != '\n' && buf_[j] != '\r' && buf_[j] != '"')
          ++j;
        if (j == i) j = i + 1;
        cell().append(buf_, i, j - i);
        i = j;
        continue;
      }
      ++i;
    }
    used = i - pos_;
    if (!complete && !eof_) {
      buf_.erase(0, pos_);
      pos_ = 0;
      LINLI_ASSIGN_OR_RETURN(bool more, fill());
      if (!more) eof_ = true;
      continue;
    }
    if (!complete && quoted) return invalidArgument("file", "a quoted field is not closed");
    if (used == 0 && pos_ >= buf_.size()) return false;
    cells.resize(n + 1);
    pos_ += used;
    line = line_;
    line_ += newlines + (complete ? 1 : 0);
    return true;
  }
}

}  // namespace linli::spreadsheet
