#include "spreadsheet/zip.h"

#include <zlib.h>

#include <cstdint>
#include <cstring>

namespace linli::spreadsheet::zip {

namespace {

uint32_t u16(const std::string& s, size_t at) {
  return static_cast<uint8_t>(s[at]) | (static_cast<uint8_t>(s[at + 1]) << 8);
}
uint32_t u32(const std::string& s, size_t at) { return u16(s, at) | (u16(s, at + 2) << 16); }
void put16(std::string& s, uint32_t v) {
  s += static_cast<char>(v & 0xff);
  s += static_cast<char>((v >> 8) & 0xff);
}
void put32(std::string& s, uint32_t v) {
  put16(s, v & 0xffff);
  put16(s, v >> 16);
}

Status bad(const std::string& why) {
  return invalidArgument("file", "not a readable XLSX file: " + why);
}

Result<std::string> inflateRaw(const std::string& in, size_t expected, size_t limit) {
  if (expected > limit) return bad("it unpacks to more than the size limit");
  std::string out(expected, '\0');
  z_stream zs{};
  if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) return internalError("inflateInit2 failed");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&zs, Z_FINISH);
  inflateEnd(&zs);
  if (rc != Z_STREAM_END || zs.total_out != expected) return bad("a compressed entry is damaged");
  return out;
}

std::string deflateRaw(const std::string& in) {
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, in.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

}  // namespace

Result<std::map<std::string, std::string>> readAll(const std::string& a, size_t max_total) {
  if (a.size() < 22) return bad("too short");
  size_t eocd = std::string::npos;
  for (size_t i = a.size() - 22 + 1; i-- > 0 && a.size() - i <= 65557;)
    if (u32(a, i) == 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd == std::string::npos) return bad("no end of central directory");
  const uint32_t count = u16(a, eocd + 10), dir = u32(a, eocd + 16);
  std::map<std::string, std::string> out;
  size_t total = 0, p = dir;
  for (uint32_t e = 0; e < count; ++e) {
    if (p + 46 > a.size() || u32(a, p) != 0x02014b50) return bad("damaged central directory");
    const uint32_t method = u16(a, p + 10), csize = u32(a, p + 20), usize = u32(a, p + 24);
    const uint32_t nlen = u16(a, p + 28), xlen = u16(a, p + 30), clen = u16(a, p + 32);
    const uint32_t local = u32(a, p + 42);
    std::string name = a.substr(p + 46, nlen);
    p += 46 + nlen + xlen + clen;
    if (local + 30 > a.size() || u32(a, local) != 0x04034b50) return bad("damaged entry " + name);
    size_t data = local + 30 + u16(a, local + 26) + u16(a, local + 28);
    if (data + csize > a.size()) return bad("truncated entry " + name);
    total += usize;
    if (total > max_total) return bad("it unpacks to more than the size limit");
    std::string raw = a.substr(data, csize);
    if (method == 0) {
      out[name] = std::move(raw);
    } else if (method == 8) {
      LINLI_ASSIGN_OR_RETURN(out[name], inflateRaw(raw, usize, max_total));
    } else {
      return bad("unsupported compression in " + name);
    }
  }
  return out;
}

std::string write(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out, dir;
  for (const auto& [name, data] : entries) {
    const uint32_t crc = crc32(0, reinterpret_cast<const Bytef*>(data.data()), data.size());
    const std::string packed = deflateRaw(data);
    const uint32_t offset = static_cast<uint32_t>(out.size());
    put32(out, 0x04034b50);
    put16(out, 20);
    put16(out, 0x0800);  // UTF-8 names
    put16(out, 8);
    put16(out, 0);
    put16(out, 0x21);
    put32(out, crc);
    put32(out, static_cast<uint32_t>(packed.size()));
    put32(out, static_cast<uint32_t>(data.size()));
    put16(out, static_cast<uint32_t>(name.size()));
    put16(out, 0);
    out += name;
    out += packed;
    put32(dir, 0x02014b50);
    put16(dir, 20);
    put16(dir, 20);
    put16(dir, 0x0800);
    put16(dir, 8);
    put16(dir, 0);
    put16(dir, 0x21);
    put32(dir, crc);
    put32(dir, static_cast<uint32_t>(packed.size()));
    put32(dir, static_cast<uint32_t>(data.size()));
    put16(dir, static_cast<uint32_t>(name.size()));
    put16(dir, 0);
    put16(dir, 0);
    put16(dir, 0);
    put16(dir, 0);
    put32(dir, 0);
    put32(dir, offset);
    dir += name;
  }
  const uint32_t dir_offset = static_cast<uint32_t>(out.size());
  out += dir;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<uint32_t>(entries.size()));
  put16(out, static_cast<uint32_t>(entries.size()));
  put32(out, static_cast<uint32_t>(dir.size()));
  put32(out, dir_offset);
  put16(out, 0);
  return out;
}

}  // namespace linli::spreadsheet::zip
