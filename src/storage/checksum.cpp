#include "storage/checksum.h"

#include <zlib.h>

namespace tributary {

uint32_t Checksum(const void* data, size_t size) {
  uLong crc = crc32(0L, Z_NULL, 0);
  const auto* bytes = static_cast<const Bytef*>(data);
  // crc32 takes a uInt length; feed large buffers in pieces.
  while (size > 0) {
    uInt n = size > (1u << 30) ? (1u << 30) : static_cast<uInt>(size);
    crc = crc32(crc, bytes, n);
    bytes += n;
    size -= n;
  }
  return static_cast<uint32_t>(crc);
}

}  // namespace tributary
