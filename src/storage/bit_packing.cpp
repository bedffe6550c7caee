#include "storage/bit_packing.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

namespace tributary::bit_packing {

namespace {

constexpr uint64_t Mask(int width) {
  return width == 64 ? ~uint64_t(0) : (uint64_t(1) << width) - 1;
}

// Any value: the generic loop.
template <class U>
void UnpackSome(const char* in, idx_t first, idx_t count, int width, U base, U* out) {
  uint64_t mask = Mask(width);
  if (width <= 56) {
    // One unaligned load per value: its bits start within its first byte.
    for (idx_t i = 0; i < count; i++) {
      idx_t bit = (first + i) * width;
      uint64_t w;
      std::memcpy(&w, in + (bit >> 3), 8);
      out[i] = static_cast<U>(base + static_cast<U>((w >> (bit & 7)) & mask));
    }
    return;
  }
  for (idx_t i = 0; i < count; i++) {
    idx_t bit = (first + i) * width;
    int offset = bit & 63;
    uint64_t lo, hi;
    std::memcpy(&lo, in + (bit >> 6) * 8, 8);
    uint64_t v = lo >> offset;
    if (offset + width > 64) {
      std::memcpy(&hi, in + ((bit >> 6) + 1) * 8, 8);
      v |= hi << (64 - offset);
    }
    out[i] = static_cast<U>(base + static_cast<U>(v & mask));
  }
}

// 64 values packed in kWidth words starting at `in` (word-aligned in the
// packed run): every index, shift and mask below is a constant.
template <class U, int kWidth>
inline void UnpackBlock(const char* in, U base, U* out) {
  uint64_t words[kWidth + 1];
  std::memcpy(words, in, kWidth * 8);
  words[kWidth] = 0;
  constexpr uint64_t kMask = Mask(kWidth);
#pragma GCC unroll 64
  for (int j = 0; j < 64; j++) {
    const int bit = j * kWidth;
    const int word = bit >> 6;
    const int offset = bit & 63;
    uint64_t v = words[word] >> offset;
    if (offset + kWidth > 64)
      v |= words[word + 1] << (64 - offset);
    out[j] = static_cast<U>(base + static_cast<U>(v & kMask));
  }
}

template <class U, int kWidth>
void UnpackWidth(const char* in, idx_t first, idx_t count, U base, U* out) {
  if constexpr (kWidth == 0) {
    std::fill(out, out + count, base);
  } else {
    idx_t i = 0;
    if (first % 64 == 0) {
      const char* block = in + first / 64 * kWidth * 8;
      for (; i + 64 <= count; i += 64, block += kWidth * 8)
        UnpackBlock<U, kWidth>(block, base, out + i);
    }
    UnpackSome<U>(in, first + i, count - i, kWidth, base, out + i);
  }
}

template <class U>
using Unpacker = void (*)(const char*, idx_t, idx_t, U, U*);

template <class U, int... kWidths>
constexpr auto MakeUnpackers(std::integer_sequence<int, kWidths...>) {
  return std::array<Unpacker<U>, sizeof...(kWidths)>{&UnpackWidth<U, kWidths>...};
}

template <class U>
constexpr auto kUnpackers = MakeUnpackers<U>(std::make_integer_sequence<int, 8 * sizeof(U) + 1>());

}  // namespace

void Pack(const uint64_t* values, idx_t count, int width, uint64_t* out) {
  std::fill(out, out + PackedWords(count, width), uint64_t(0));
  if (width == 0)
    return;
  for (idx_t i = 0; i < count; i++) {
    idx_t bit = i * width;
    idx_t word = bit >> 6;
    int offset = bit & 63;
    out[word] |= values[i] << offset;
    if (offset + width > 64)
      out[word + 1] |= values[i] >> (64 - offset);
  }
}

template <class U>
void Unpack(const char* in, idx_t first, idx_t count, int width, U base, U* out) {
  kUnpackers<U>[width](in, first, count, base, out);
}

template void Unpack<uint16_t>(const char*, idx_t, idx_t, int, uint16_t, uint16_t*);
template void Unpack<uint32_t>(const char*, idx_t, idx_t, int, uint32_t, uint32_t*);
template void Unpack<uint64_t>(const char*, idx_t, idx_t, int, uint64_t, uint64_t*);

}  // namespace tributary::bit_packing
