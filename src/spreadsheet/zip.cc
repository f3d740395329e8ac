#include "spreadsheet/zip.h"

#include <stdexcept>

namespace linli::spreadsheet::zip {

namespace {

Status bad(const std::string& why) {
  return invalidArgument("file", "not a readable XLSX file: " + why);
}

std::string libzipError(zip_error_t* error) {
  std::string why = zip_error_strerror(error);
  zip_error_fini(error);
  return why;
}

}  // namespace

Result<Archive> Archive::open(const std::string& bytes, uint64_t max_total, uint64_t max_entry) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) return internalError("zip_source_buffer_create: " + libzipError(&error));
  // ZIP_CHECKCONS: every local header must agree with the central directory.
  zip_t* z = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!z) {
    zip_source_free(source);
    return bad("it is not a ZIP archive or it is damaged (" + libzipError(&error) + ")");
  }
  zip_error_fini(&error);
  Archive a;
  a.zip_.reset(z);
  a.max_total_ = max_total;
  a.max_entry_ = max_entry;
  const zip_int64_t count = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* name = zip_get_name(z, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    if (!name) return bad("an entry has no readable name");
    a.names_.emplace_back(name);
  }
  return a;
}

bool Archive::has(const std::string& name) const {
  return zip_name_locate(zip_.get(), name.c_str(), ZIP_FL_ENC_RAW) >= 0;
}

Status Archive::stream(const std::string& name,
                       const std::function<Status(std::string_view)>& sink) {
  const zip_int64_t index = zip_name_locate(zip_.get(), name.c_str(), ZIP_FL_ENC_RAW);
  if (index < 0) return bad("it has no entry " + name);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip_.get(), static_cast<zip_uint64_t>(index), 0, &st) != 0)
    return bad("entry " + name + " is damaged");
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
    return bad("entry " + name + " is encrypted; save the workbook without a password");
  if ((st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method != ZIP_CM_STORE &&
      st.comp_method != ZIP_CM_DEFLATE)
    return bad("entry " + name + " uses an unsupported compression method");
  if ((st.valid & ZIP_STAT_SIZE) && (st.size > max_entry_ || st.size > max_total_ - inflated_))
    return bad("it unpacks to more than the size limit");
  struct Close {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
  };
  std::unique_ptr<zip_file_t, Close> file(
      zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0));
  if (!file) return bad("entry " + name + " cannot be opened (" + zip_strerror(zip_.get()) + ")");
  std::string buffer(64 << 10, '\0');
  uint64_t entry_bytes = 0;
  for (;;) {
    const zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
    if (n < 0) return bad("entry " + name + " is damaged (" + zip_file_strerror(file.get()) + ")");
    if (n == 0) break;
    entry_bytes += static_cast<uint64_t>(n);
    inflated_ += static_cast<uint64_t>(n);
    if (entry_bytes > max_entry_ || inflated_ > max_total_)
      return bad("it unpacks to more than the size limit");
    LINLI_TRY(sink(std::string_view(buffer.data(), static_cast<size_t>(n))));
  }
  return Status::Ok();
}

Result<std::string> Archive::read(const std::string& name) {
  std::string out;
  LINLI_TRY(stream(name, [&](std::string_view chunk) {
    out += chunk;
    return Status::Ok();
  }));
  return out;
}

// Written into a growing buffer source; libzip deflates each entry. Failing
// here means libzip could not allocate memory: a bug-level failure.
std::string write(const std::vector<std::pair<std::string, std::string>>& entries) {
  auto fail = [](const std::string& what) -> std::string {
    throw std::runtime_error("zip::write: " + what);
  };
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!out) return fail(libzipError(&error));
  zip_t* z = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  if (!z) {
    zip_source_free(out);
    return fail(libzipError(&error));
  }
  zip_error_fini(&error);
  zip_source_keep(out);  // survives zip_close, which writes the archive into it
  for (const auto& [name, data] : entries) {
    zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
    const zip_int64_t index = s ? zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (s) zip_source_free(s);
      std::string why = zip_strerror(z);
      zip_discard(z);
      zip_source_free(out);
      return fail(why);
    }
    zip_set_file_compression(z, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 6);
    // A fixed time (1980-01-01, the first ZIP date): the same rows give the same bytes.
    zip_file_set_mtime(z, static_cast<zip_uint64_t>(index), 315532800, 0);
  }
  if (zip_close(z) != 0) {
    std::string why = zip_strerror(z);
    zip_discard(z);
    zip_source_free(out);
    return fail(why);
  }
  std::string bytes;
  if (zip_source_open(out) == 0) {
    char chunk[64 << 10];
    zip_int64_t n;
    while ((n = zip_source_read(out, chunk, sizeof chunk)) > 0)
      bytes.append(chunk, static_cast<size_t>(n));
    zip_source_close(out);
  }
  zip_source_free(out);
  if (bytes.empty()) return fail("the written archive cannot be read back");
  return bytes;
}

}  // namespace linli::spreadsheet::zip
