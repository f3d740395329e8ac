// Sample files shared by the unit tests and the fuzz seeds (tests/fuzz/
// make_seeds.cc): real small images, GB18030 text, and the crafted XLSX files
// of issue 13, so the regression tests, the seeds and the API test use the
// same bytes. Header-only; no gtest.
#pragma once

#include <iconv.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "spreadsheet/spreadsheet.h"
#include "spreadsheet/zip.h"

namespace linli::testing {

inline std::string fromHex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

inline std::string toGb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string out(utf8.size() * 2, '\0');
  char* src = const_cast<char*>(utf8.data());
  size_t src_left = utf8.size(), dst_left = out.size();
  char* dst = out.data();
  iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

// A real 1×1 PNG and a real 1×1 lossless WebP.
inline const std::string kPng = fromHex(
    "89504e470d0a1a0a0000000d4948445200000001000000010804000000b51c0c020000000b4944415478da63646000"
    "000006000230"
    "81d02f0000000049454e44ae426082");
inline const std::string kWebp =
    fromHex("524946461a000000574542505650384c0d0000002f00000010071011118888fe0700");

inline std::string jpegSegment(uint8_t marker, const std::string& body) {
  const size_t len = body.size() + 2;
  return std::string{'\xff', static_cast<char>(marker), static_cast<char>(len >> 8),
                     static_cast<char>(len & 0xff)} +
         body;
}

// A structurally complete JPEG (2 wide, 3 high) carrying EXIF with orientation 6 and a
// place, a comment, stuffed bytes and a restart marker in its scan, and bytes
// after its end.
inline std::string jpegWithMetadata() {
  std::string exif = std::string("Exif\0\0", 6) + std::string("MM\0*\0\0\0\x08", 8) +
                     std::string("\0\x02", 2) +
                     std::string("\x01\x12\0\x03\0\0\0\x01\0\x06\0\0", 12) +
                     std::string("\x88\x25\0\x04\0\0\0\x01\0\0\0\0", 12) + std::string(4, '\0') +
                     "GPS 31.2N 121.4E";
  std::string j = "\xff\xd8";
  j += jpegSegment(0xe0, std::string("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14));
  j += jpegSegment(0xe1, exif);
  j += jpegSegment(0xfe, "taken at home of Zhang San");
  j += jpegSegment(0xdb, std::string(65, '\x01'));
  j += jpegSegment(0xc0, std::string("\x08\0\x03\0\x02\x01\x01\x11\0", 9));
  j += jpegSegment(0xc4, std::string(20, '\0'));
  j += jpegSegment(0xda, std::string("\x01\x01\0\0\x3f\0", 6));
  j += std::string("\x12\xff\x00\x34\xff\xd0\x56", 7);
  j += "\xff\xd9";
  j += "trailing secret";
  return j;
}

// ---- XLSX ----

inline uint32_t get32(const std::string& s, size_t at) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = v << 8 | static_cast<uint8_t>(s[at + i]);
  return v;
}
inline void set32(std::string& s, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>(v >> (8 * i));
}
// Where the central directory starts.
inline size_t centralDirectory(const std::string& zip) {
  return get32(zip, zip.rfind(std::string("PK\x05\x06", 4)) + 16);
}

// A workbook of the given worksheet XML (and sharedStrings.xml if given).
inline std::string xlsxOfParts(const std::string& sheet, const std::string& shared = {}) {
  std::vector<std::pair<std::string, std::string>> entries = {{"xl/worksheets/sheet1.xml", sheet}};
  if (!shared.empty()) entries.emplace_back("xl/sharedStrings.xml", shared);
  return spreadsheet::zip::write(entries);
}

// A worksheet's start: the namespace, and a header row (姓名).
inline const std::string kSheetHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet "
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>姓名</t></is></c></row>";
inline const std::string kSheetTail = "</sheetData></worksheet>";

// The crafted files of issue 13 (findings 1-3), as worksheet XML (and shared strings).
inline const std::string kUnclosedCellTag = kSheetHead + "<row r=\"2\"><c r=\"A2\"";
inline const std::string kMalformedCharRef =
    kSheetHead + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&#xZZ;</t></is></c></row>" +
    kSheetTail;
inline const std::string kRowNumberAbc =
    kSheetHead + "<row r=\"abc\"><c r=\"A2\"><v>1</v></c></row>" + kSheetTail;
inline const std::string kSharedIndexAbc =
    kSheetHead + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>abc</v></c></row>" + kSheetTail;
inline const std::string kOneSharedString = "<sst><si><t>张三</t></si></sst>";
inline const std::string kDoctypeXxe =
    "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><worksheet>"
    "<sheetData><row><c t=\"inlineStr\"><is><t>&x;</t></is></c></row></sheetData></worksheet>";

// Finding 1: a real workbook whose first entry's local-header offset is `offset`.
inline std::string xlsxWithLocalOffset(uint32_t offset) {
  std::string file = spreadsheet::writeXlsx({"姓名"}, {{"张三"}});
  set32(file, centralDirectory(file) + 42, offset);
  return file;
}

}  // namespace linli::testing
