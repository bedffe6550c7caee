// BitPacking: fixed-width packing of unsigned integers, the layout column
// segments store bit-packed values, dictionary codes and string lengths in.
//
// Value i of a run packed at `width` bits (0..64) occupies bits
// [i * width, (i + 1) * width) of a sequence of little-endian 64-bit words;
// ceil(count * width / 64) words hold `count` values.
//
// Unpacking is specialised per width: with AVX2 (checked at run time),
// widths up to 25 into 32- and 64-bit values decode 8 values per step;
// otherwise runs of 64 values that start on a word boundary (every vector
// of a segment does) decode with a straight-line loop whose shifts and
// masks are constants; other values take a generic loop. No per-value
// branches.
//
// Thread-safe (pure functions).
#pragma once

#include <cstdint>

#include "common/constants.h"

namespace tributary::bit_packing {

// Words needed for `count` values of `width` bits.
inline idx_t PackedWords(idx_t count, int width) {
  return (count * width + 63) / 64;
}

// Packs values[0, count) (each below 2^width) into PackedWords(count,
// width) words at `out`.
void Pack(const uint64_t* values, idx_t count, int width, uint64_t* out);

// out[i] = base + value(first + i) for i in [0, count), wrapping in U
// (uint16_t, uint32_t or uint64_t); width <= 8 * sizeof(U). `in` holds the
// packed words and has at least 8 readable bytes past them.
template <class U>
void Unpack(const char* in, idx_t first, idx_t count, int width, U base, U* out);

// Unpack(in, first, count, width, 0, out) for dictionary codes (width <=
// 32); returns the largest code (0 when count is 0).
uint32_t UnpackCodes(const char* in, idx_t first, idx_t count, int width, uint32_t* out);

// Tests: false makes Unpack use the portable loops only.
void AllowSimdForTesting(bool allowed);

}  // namespace tributary::bit_packing
