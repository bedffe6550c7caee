// Checksum: CRC-32 of a byte range (the ISO-HDLC CRC that zlib's crc32()
// computes; libdeflate's implementation), used for every segment file and
// manifest so a torn or corrupted file is detected before it is read as
// data. Files written with zlib's crc32 verify unchanged.
//
// Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tributary {

uint32_t Checksum(const void* data, size_t size);

}  // namespace tributary
