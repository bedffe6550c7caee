// Checksum: CRC-32 (zlib's) of a byte range, used for every segment file
// and manifest so a torn or corrupted file is detected before it is read
// as data.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tributary {

uint32_t Checksum(const void* data, size_t size);

}  // namespace tributary
