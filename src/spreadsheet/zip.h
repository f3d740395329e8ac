// ZIP for XLSX (private to spreadsheet), on libzip: an archive read from
// memory whose entries are streamed out in chunks (stored or deflated; no
// encryption), with a budget of inflated bytes per entry and in total against
// zip bombs; and writing an archive of deflated entries into memory.
#pragma once

#include <zip.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace linli::spreadsheet::zip {

class Archive {
 public:
  // `bytes` must outlive the archive. Refuses what is not a consistent ZIP.
  static Result<Archive> open(const std::string& bytes, uint64_t max_total = 256u << 20,
                              uint64_t max_entry = 256u << 20);

  // Entry names in the order of the central directory.
  const std::vector<std::string>& names() const { return names_; }
  bool has(const std::string& name) const;
  // Hands the inflated contents of `name` to `sink` chunk by chunk; the first
  // non-ok Status from the sink ends the read and is returned.
  Status stream(const std::string& name, const std::function<Status(std::string_view)>& sink);
  Result<std::string> read(const std::string& name);

 private:
  struct Discard {
    void operator()(zip_t* z) const { zip_discard(z); }
  };
  std::unique_ptr<zip_t, Discard> zip_;
  std::vector<std::string> names_;
  uint64_t max_total_ = 0, max_entry_ = 0, inflated_ = 0;
};

std::string write(const std::vector<std::pair<std::string, std::string>>& entries);

}  // namespace linli::spreadsheet::zip
