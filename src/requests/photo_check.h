// Photos attached to requests. The type is decided by the bytes, never by the
// file name or the declared Content-Type (a mismatch is refused). The whole
// structure is walked: a truncated or malformed file is refused. What can carry
// a place, a name or a device (JPEG APP1–APP15 except an ICC profile and
// Adobe's colour marker, comments; PNG text, time and eXIf chunks; WebP EXIF
// and XMP chunks; bytes after the end) is removed, except a JPEG's EXIF
// orientation, kept alone so phone photos are not shown sideways.
// Pure: bytes in, bytes out. Every error names the field "photo".
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace linli::requests {

struct CheckedPhoto {
  std::string content_type;  // image/jpeg | image/png | image/webp
  std::string bytes;         // stripped of metadata
  int width = 0, height = 0;
};

constexpr size_t kMaxPhotoBytes = 5 * 1024 * 1024;

// `declared` is the Content-Type sent with it (parameters ignored); empty or
// application/octet-stream lets the content decide.
Result<CheckedPhoto> checkPhoto(std::string_view bytes, std::string_view declared,
                                size_t max_bytes = kMaxPhotoBytes);

}  // namespace linli::requests
