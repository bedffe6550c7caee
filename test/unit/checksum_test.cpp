// Checksum is the CRC-32 every segment and manifest was written with (zlib's
// crc32): files written before the switch to libdeflate still verify.
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "storage/checksum.h"

namespace tributary {
namespace {

TEST(Checksum, IsTheCrc32ThatFilesWereWrittenWith) {
  // The CRC-32 (ISO-HDLC) check value.
  EXPECT_EQ(Checksum("123456789", 9), 0xCBF43926u);
  EXPECT_EQ(Checksum("", 0), 0u);
  // Any length and alignment (the fast path works on 16- and 64-byte blocks).
  std::string data(100000, '\0');
  for (size_t i = 0; i < data.size(); i++)
    data[i] = static_cast<char>(i * 2654435761u >> 13);
  for (size_t offset : {0, 1, 7}) {
    for (size_t size : {1, 15, 16, 63, 64, 65, 4095, 99000}) {
      const auto* p = reinterpret_cast<const Bytef*>(data.data() + offset);
      EXPECT_EQ(Checksum(p, size), crc32(crc32(0, Z_NULL, 0), p, size))
          << "offset " << offset << " size " << size;
    }
  }
}

}  // namespace
}  // namespace tributary
