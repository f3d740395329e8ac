#include "requests/photo_check.h"

#include <gtest/gtest.h>

namespace linli::requests {
namespace {

std::string fromHex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

// A real 1×1 PNG and a real 1×1 lossless WebP.
const std::string kPng = fromHex(
    "89504e470d0a1a0a0000000d4948445200000001000000010804000000b51c0c020000000b4944415478da63646000"
    "000006000230"
    "81d02f0000000049454e44ae426082");
const std::string kWebp =
    fromHex("524946461a000000574542505650384c0d0000002f00000010071011118888fe0700");

std::string segment(uint8_t marker, const std::string& body) {
  const size_t len = body.size() + 2;
  return std::string{'\xff', static_cast<char>(marker), static_cast<char>(len >> 8),
                     static_cast<char>(len & 0xff)} +
         body;
}

// A structurally complete JPEG (2 wide, 3 high) carrying EXIF with orientation 6 and a
// place, a comment, stuffed bytes and a restart marker in its scan, and bytes
// after its end.
std::string jpeg() {
  std::string exif = std::string("Exif\0\0", 6) + std::string("MM\0*\0\0\0\x08", 8) +
                     std::string("\0\x02", 2) +
                     std::string("\x01\x12\0\x03\0\0\0\x01\0\x06\0\0", 12) +
                     std::string("\x88\x25\0\x04\0\0\0\x01\0\0\0\0", 12) + std::string(4, '\0') +
                     "GPS 31.2N 121.4E";
  std::string j = "\xff\xd8";
  j += segment(0xe0, std::string("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14));
  j += segment(0xe1, exif);
  j += segment(0xfe, "taken at home of Zhang San");
  j += segment(0xdb, std::string(65, '\x01'));
  j += segment(0xc0, std::string("\x08\0\x03\0\x02\x01\x01\x11\0", 9));
  j += segment(0xc4, std::string(20, '\0'));
  j += segment(0xda, std::string("\x01\x01\0\0\x3f\0", 6));
  j += std::string("\x12\xff\x00\x34\xff\xd0\x56", 7);
  j += "\xff\xd9";
  j += "trailing secret";
  return j;
}

TEST(PhotoCheck, PngKeepsPictureAndDropsText) {
  auto ok = checkPhoto(kPng, "image/png");
  ASSERT_TRUE(ok.ok()) << ok.status().toString();
  EXPECT_EQ(ok->content_type, "image/png");
  EXPECT_EQ(ok->bytes, kPng);
  EXPECT_EQ(ok->width, 1);

  // A tEXt chunk (with a valid checksum) before IEND, and bytes after IEND.
  std::string text = fromHex("0000000b7445587448656c6c6f00576f726c64");
  text += fromHex("00000000");  // crc placeholder, fixed below
  std::string withText = kPng.substr(0, kPng.size() - 12) + text + kPng.substr(kPng.size() - 12);
  auto damaged = checkPhoto(withText, "image/png");
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.status().field(), "photo");
  EXPECT_NE(damaged.status().message().find("checksum"), std::string::npos);

  text.replace(text.size() - 4, 4, fromHex("cc107eaf"));
  withText = kPng.substr(0, kPng.size() - 12) + text + kPng.substr(kPng.size() - 12) + "after";
  auto stripped = checkPhoto(withText, "image/png");
  ASSERT_TRUE(stripped.ok()) << stripped.status().toString();
  EXPECT_EQ(stripped->bytes, kPng);
}

TEST(PhotoCheck, JpegStripsMetadataButKeepsOrientation) {
  const std::string in = jpeg();
  auto ok = checkPhoto(in, "image/jpeg; charset=binary");
  ASSERT_TRUE(ok.ok()) << ok.status().toString();
  EXPECT_EQ(ok->width, 2);
  EXPECT_EQ(ok->height, 3);
  EXPECT_EQ(ok->bytes.find("GPS"), std::string::npos);
  EXPECT_EQ(ok->bytes.find("Zhang"), std::string::npos);
  EXPECT_EQ(ok->bytes.find("trailing"), std::string::npos);
  EXPECT_NE(ok->bytes.find("Exif"), std::string::npos);  // the orientation alone
  EXPECT_EQ(ok->bytes.substr(ok->bytes.size() - 2), "\xff\xd9");
  // The scan data with its stuffed byte and restart marker is intact.
  EXPECT_NE(ok->bytes.find(std::string("\x12\xff\x00\x34\xff\xd0\x56", 7)), std::string::npos);
  // Checking the stripped file again changes nothing.
  auto again = checkPhoto(ok->bytes, "");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->bytes, ok->bytes);
}

TEST(PhotoCheck, WebpAccepted) {
  auto ok = checkPhoto(kWebp, "application/octet-stream");
  ASSERT_TRUE(ok.ok()) << ok.status().toString();
  EXPECT_EQ(ok->content_type, "image/webp");
  EXPECT_EQ(ok->width, 1);
}

TEST(PhotoCheck, RefusesWhatIsNotAPhoto) {
  auto text = checkPhoto("hello, this is not a picture", "image/png");
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().field(), "photo");
  EXPECT_NE(text.status().message().find("not a JPEG, PNG or WebP"), std::string::npos);

  auto lies = checkPhoto(kPng, "image/jpeg");
  ASSERT_FALSE(lies.ok());
  EXPECT_NE(lies.status().message().find("is a PNG image but was sent as image/jpeg"),
            std::string::npos);

  EXPECT_FALSE(checkPhoto(kPng, "text/html").ok());
  EXPECT_FALSE(checkPhoto("", "image/png").ok());
  EXPECT_FALSE(checkPhoto(kPng.substr(0, kPng.size() - 5), "image/png").ok());  // cut short
  EXPECT_FALSE(checkPhoto(jpeg().substr(0, 60), "image/jpeg").ok());
  EXPECT_FALSE(checkPhoto(kWebp.substr(0, 20), "image/webp").ok());

  auto big = checkPhoto(kPng, "image/png", 10);
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.status().message().find("larger than"), std::string::npos);
}

}  // namespace
}  // namespace linli::requests
