#include "requests/photo_check.h"

#include <zlib.h>

#include <array>
#include <cstdint>
#include <optional>

namespace linli::requests {

namespace {

Status bad(const std::string& why) { return invalidArgument("photo", why); }

uint32_t be16(std::string_view s, size_t at) {
  return (uint32_t(uint8_t(s[at])) << 8) | uint8_t(s[at + 1]);
}
uint32_t be32(std::string_view s, size_t at) { return (be16(s, at) << 16) | be16(s, at + 2); }
uint32_t le32(std::string_view s, size_t at) {
  return uint32_t(uint8_t(s[at])) | uint32_t(uint8_t(s[at + 1])) << 8 |
         uint32_t(uint8_t(s[at + 2])) << 16 | uint32_t(uint8_t(s[at + 3])) << 24;
}
void putLe32(std::string& s, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

// ---- JPEG ----

// The orientation (1–8) in an EXIF block ("Exif\0\0" + TIFF), if it has one.
std::optional<uint16_t> exifOrientation(std::string_view app1) {
  if (app1.size() < 14 || app1.substr(0, 6) != std::string_view("Exif\0\0", 6)) return {};
  std::string_view tiff = app1.substr(6);
  const bool big = tiff.substr(0, 2) == "MM";
  if (!big && tiff.substr(0, 2) != "II") return {};
  auto u16 = [&](size_t at) -> uint32_t {
    return big ? be16(tiff, at) : (uint32_t(uint8_t(tiff[at + 1])) << 8) | uint8_t(tiff[at]);
  };
  auto u32 = [&](size_t at) -> uint32_t { return big ? be32(tiff, at) : le32(tiff, at); };
  const size_t ifd = u32(4);  // in size_t: an offset near 2^32 must not wrap the check
  if (ifd > tiff.size() || tiff.size() - ifd < 2) return {};
  const uint32_t count = u16(ifd);
  for (uint32_t i = 0; i < count; ++i) {
    const size_t entry = ifd + 2 + 12 * size_t(i);
    if (entry + 12 > tiff.size()) return {};
    if (u16(entry) == 0x0112 && u16(entry + 2) == 3) {
      const uint32_t v = u16(entry + 8);
      if (v >= 1 && v <= 8) return static_cast<uint16_t>(v);
    }
  }
  return {};
}

// A minimal APP1 segment holding only the orientation.
std::string orientationSegment(uint16_t orientation) {
  std::string tiff("MM\0*\0\0\0\x08", 8);
  tiff += std::string("\0\x01", 2);                    // one entry
  tiff += std::string("\x01\x12\0\x03\0\0\0\x01", 8);  // orientation, SHORT, 1
  tiff += std::string{'\0', static_cast<char>(orientation), '\0', '\0'};
  tiff += std::string(4, '\0');  // no next IFD
  std::string body = std::string("Exif\0\0", 6) + tiff;
  const size_t len = body.size() + 2;
  return std::string{'\xff', '\xe1', static_cast<char>(len >> 8), static_cast<char>(len & 0xff)} +
         body;
}

Result<CheckedPhoto> checkJpeg(std::string_view in) {
  CheckedPhoto out{.content_type = "image/jpeg"};
  out.bytes.reserve(in.size());
  out.bytes.append("\xff\xd8", 2);
  size_t at = 2;
  bool frame = false;
  std::optional<uint16_t> orientation;
  size_t after_soi = out.bytes.size();  // where the orientation segment goes
  while (true) {
    if (at >= in.size() || uint8_t(in[at]) != 0xff) return bad("the JPEG image is damaged");
    while (at < in.size() && uint8_t(in[at]) == 0xff) ++at;  // fill bytes
    if (at >= in.size()) return bad("the JPEG image is cut short");
    const uint8_t marker = uint8_t(in[at++]);
    if (marker == 0xd9) {  // EOI: anything after it is dropped
      out.bytes.append("\xff\xd9", 2);
      break;
    }
    if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;  // no length
    // FF 00 is a stuffed zero inside a scan, never a marker: taken for a segment
    // here, it would run on into a scan's data once the metadata around it is gone.
    if (marker == 0x00) return bad("the JPEG image is damaged");
    if (at + 2 > in.size()) return bad("the JPEG image is cut short");
    const size_t len = be16(in, at);
    if (len < 2 || at + len > in.size()) return bad("the JPEG image is cut short");
    std::string_view seg = in.substr(at - 2, len + 2);
    std::string_view body = in.substr(at + 2, len - 2);
    at += len;
    const bool sof =
        marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    if (sof) {
      if (body.size() < 6) return bad("the JPEG image is damaged");
      out.height = static_cast<int>(be16(body, 1));
      out.width = static_cast<int>(be16(body, 3));
      frame = true;
    }
    const bool app = marker >= 0xe1 && marker <= 0xef;
    const bool keep_app =
        (marker == 0xe2 && body.substr(0, 12) == std::string_view("ICC_PROFILE\0", 12)) ||
        (marker == 0xee && body.substr(0, 5) == "Adobe");
    if (marker == 0xe1 && !orientation) orientation = exifOrientation(body);
    if ((app && !keep_app) || marker == 0xfe) continue;  // metadata and comments
    out.bytes.append(seg);
    if (marker == 0xe0) after_soi = out.bytes.size();  // after JFIF, as the standards order it
    if (marker == 0xda) {
      // Entropy-coded data runs to the next marker that is not a stuffed 0 or a restart.
      const size_t start = at;
      while (true) {
        if (at + 1 >= in.size()) return bad("the JPEG image is cut short");
        if (uint8_t(in[at]) == 0xff) {
          const uint8_t next = uint8_t(in[at + 1]);
          if (next != 0x00 && !(next >= 0xd0 && next <= 0xd7) && next != 0xff) break;
        }
        ++at;
      }
      out.bytes.append(in.substr(start, at - start));
    }
  }
  if (!frame || out.width == 0 || out.height == 0) return bad("the JPEG image has no picture");
  if (orientation && *orientation != 1)
    out.bytes.insert(after_soi, orientationSegment(*orientation));
  return out;
}

// ---- PNG ----

uint32_t crc32(std::string_view data) {
  return static_cast<uint32_t>(
      ::crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
}

bool keepPngChunk(std::string_view type) {
  // Critical chunks, and the ancillary ones that change how the picture looks.
  static const std::array<std::string_view, 13> keep = {"IHDR", "PLTE", "IDAT", "IEND", "tRNS",
                                                        "gAMA", "cHRM", "sRGB", "iCCP", "sBIT",
                                                        "pHYs", "acTL", "fcTL"};
  for (auto k : keep)
    if (k == type) return true;
  return type == "fdAT";
}

Result<CheckedPhoto> checkPng(std::string_view in) {
  CheckedPhoto out{.content_type = "image/png"};
  out.bytes.reserve(in.size());
  out.bytes.append(in.substr(0, 8));
  size_t at = 8;
  bool header = false, data = false;
  while (true) {
    if (at + 12 > in.size()) return bad("the PNG image is cut short");
    const size_t len = be32(in, at);
    if (len > in.size() - at - 12) return bad("the PNG image is cut short");
    std::string_view type = in.substr(at + 4, 4);
    std::string_view body = in.substr(at + 8, len);
    if (crc32(in.substr(at + 4, 4 + len)) != be32(in, at + 8 + len))
      return bad("the PNG image is damaged (checksum)");
    if (!header) {
      if (type != "IHDR" || len != 13) return bad("the PNG image is damaged");
      out.width = static_cast<int>(be32(body, 0));
      out.height = static_cast<int>(be32(body, 4));
      header = true;
    }
    if (type == "IDAT") data = true;
    if (keepPngChunk(type)) out.bytes.append(in.substr(at, 12 + len));
    at += 12 + len;
    if (type == "IEND") break;  // anything after it is dropped
  }
  if (!data || out.width == 0 || out.height == 0) return bad("the PNG image has no picture");
  return out;
}

// ---- WebP ----

Result<CheckedPhoto> checkWebp(std::string_view in) {
  const size_t riff = le32(in, 4);
  if (riff + 8 > in.size() || riff < 4) return bad("the WebP image is cut short");
  CheckedPhoto out{.content_type = "image/webp"};
  out.bytes.append(in.substr(0, 12));
  size_t at = 12;
  const size_t end = riff + 8;
  bool picture = false;
  std::optional<size_t> vp8x;  // where the VP8X flags byte landed in the output
  while (at < end) {
    if (at + 8 > end) return bad("the WebP image is damaged");
    std::string_view type = in.substr(at, 4);
    const size_t len = le32(in, at + 4);
    const size_t padded = len + (len & 1);
    if (padded > end - at - 8) return bad("the WebP image is cut short");
    std::string_view body = in.substr(at + 8, len);
    if (type == "VP8 " && len >= 10) {
      out.width = static_cast<int>((uint8_t(body[6]) | uint8_t(body[7]) << 8) & 0x3fff);
      out.height = static_cast<int>((uint8_t(body[8]) | uint8_t(body[9]) << 8) & 0x3fff);
      picture = true;
    } else if (type == "VP8L" && len >= 5) {
      const uint32_t bits = le32(body, 1);
      out.width = static_cast<int>((bits & 0x3fff) + 1);
      out.height = static_cast<int>(((bits >> 14) & 0x3fff) + 1);
      picture = true;
    } else if (type == "VP8X" && len >= 10) {
      vp8x = out.bytes.size() + 8;
      out.width =
          static_cast<int>((uint8_t(body[4]) | uint8_t(body[5]) << 8 | uint8_t(body[6]) << 16) + 1);
      out.height =
          static_cast<int>((uint8_t(body[7]) | uint8_t(body[8]) << 8 | uint8_t(body[9]) << 16) + 1);
    } else if (type == "ANMF") {
      picture = true;
    }
    if (type != "EXIF" && type != "XMP ") out.bytes.append(in.substr(at, 8 + padded));
    at += 8 + padded;
  }
  if (!picture || out.width == 0 || out.height == 0) return bad("the WebP image has no picture");
  if (vp8x)
    out.bytes[*vp8x] = static_cast<char>(uint8_t(out.bytes[*vp8x]) & ~0x0c);  // no EXIF, XMP
  putLe32(out.bytes, 4, static_cast<uint32_t>(out.bytes.size() - 8));
  return out;
}

std::string_view sniff(std::string_view b) {
  if (b.size() >= 4 && b.substr(0, 3) == "\xff\xd8\xff") return "image/jpeg";
  if (b.size() >= 8 && b.substr(0, 8) == "\x89PNG\r\n\x1a\n") return "image/png";
  if (b.size() >= 16 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return "image/webp";
  return {};
}

std::string_view label(std::string_view type) {
  return type == "image/jpeg" ? "JPEG" : type == "image/png" ? "PNG" : "WebP";
}

}  // namespace

Result<CheckedPhoto> checkPhoto(std::string_view bytes, std::string_view declared,
                                size_t max_bytes) {
  if (bytes.empty()) return bad("the photo is empty");
  if (bytes.size() > max_bytes)
    return bad("the photo is larger than " + std::to_string(max_bytes / (1024 * 1024)) + " MB");
  std::string_view type = declared.substr(0, declared.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  const bool any = type.empty() || type == "application/octet-stream";
  if (!any && type != "image/jpeg" && type != "image/png" && type != "image/webp")
    return bad("send the photo as image/jpeg, image/png or image/webp");
  const std::string_view actual = sniff(bytes);
  if (actual.empty()) return bad("the file is not a JPEG, PNG or WebP image");
  if (!any && actual != type)
    return bad("the file is a " + std::string(label(actual)) + " image but was sent as " +
               std::string(type));
  Result<CheckedPhoto> out = actual == "image/jpeg"  ? checkJpeg(bytes)
                             : actual == "image/png" ? checkPng(bytes)
                                                     : checkWebp(bytes);
  if (out.ok() && (out->width > 20000 || out->height > 20000))
    return bad("the photo is wider or taller than 20000 pixels");
  return out;
}

}  // namespace linli::requests
