#include "requests/photo_check.h"

#include <gtest/gtest.h>

#include "testing/sample_files.h"

namespace linli::requests {
namespace {

using testing::fromHex;
using testing::kPng;
using testing::kWebp;
const auto jpeg = testing::jpegWithMetadata;

// Found by fuzz_photo: an EXIF IFD offset near 2^32 wrapped a 32-bit bounds
// check and the orientation was read far outside the photo.
TEST(PhotoCheck, ExifIfdOffsetNear4GiBIsIgnoredNotACrash) {
  std::string in = jpeg();
  const size_t tiff = in.find(std::string("MM\0*", 4));
  ASSERT_NE(tiff, std::string::npos);
  for (const char* offset : {"\xff\xff\xff\xff", "\xff\xff\xff\xfe", "\x7f\xff\xff\xff"}) {
    in.replace(tiff + 4, 4, offset, 4);
    auto ok = checkPhoto(in, "image/jpeg");
    ASSERT_TRUE(ok.ok()) << ok.status().toString();
    EXPECT_EQ(ok->bytes.find("Exif"), std::string::npos) << "no orientation to keep";
  }
}

// Found by fuzz_photo: FF 00 between segments was taken for a segment and kept;
// once the metadata beside it was stripped it ran on into the scan before it,
// so the stored photo was one the checker itself refused.
TEST(PhotoCheck, StuffedZeroOutsideAScanIsRefused) {
  const std::string in = jpeg();
  const std::string with_00 = in.substr(0, 2) + testing::jpegSegment(0x00, "xy") + in.substr(2);
  auto refused = checkPhoto(with_00, "image/jpeg");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "photo");
  auto ok = checkPhoto(in, "image/jpeg");
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(checkPhoto(ok->bytes, "image/jpeg").ok()) << "a checked photo checks again";
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
