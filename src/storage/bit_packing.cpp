#include "storage/bit_packing.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <utility>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

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

#if defined(__x86_64__)
// AVX2, for widths up to 25 into 32- or 64-bit values: 8 values (8 *
// kWidth bits, whole bytes) at a time. Each 128-bit half of a register is
// loaded from where its 4 values start; a byte shuffle puts each value's
// (at most 4) bytes in its 32-bit lane, a per-lane shift and a mask finish
// it. Returns how many values it unpacked: it stops before a load could
// read past the 8 bytes readable after the packed values.
constexpr int kMaxAvx2Width = 25;

template <int kWidth>
struct Avx2Lanes {
  alignas(32) int8_t shuffle[32];
  alignas(32) int32_t shift[8];
  int high;  // byte where the upper 4 values start
  constexpr Avx2Lanes() : shuffle(), shift(), high((4 * kWidth) >> 3) {
    for (int k = 0; k < 8; k++) {
      int bit = k * kWidth;
      int from = (bit >> 3) - (k < 4 ? 0 : high);
      for (int j = 0; j < 4; j++)
        shuffle[(k / 4) * 16 + (k % 4) * 4 + j] = static_cast<int8_t>(from + j);
      shift[k] = bit & 7;
    }
  }
};

std::atomic<bool> simd_allowed{true};

bool HasAvx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has && simd_allowed.load(std::memory_order_relaxed);
}

// With kLargest, also the largest value unpacked (before the base is
// added) into *largest.
template <class U, int kWidth, bool kLargest = false>
__attribute__((target("avx2"))) idx_t UnpackAvx2(const char* in, idx_t first, idx_t count, U base,
                                                 U* out, uint32_t* largest = nullptr) {
  static constexpr Avx2Lanes<kWidth> kLanes;
  const __m256i shuffle = _mm256_load_si256(reinterpret_cast<const __m256i*>(kLanes.shuffle));
  const __m256i shift = _mm256_load_si256(reinterpret_cast<const __m256i*>(kLanes.shift));
  const __m256i mask = _mm256_set1_epi32(static_cast<int32_t>(Mask(kWidth)));
  // Readable: the packed bytes of values up to first + count, and 8 more.
  idx_t readable = ((first + count) * kWidth + 7) / 8 + 8;
  idx_t byte = first * kWidth / 8;
  __m256i most = _mm256_setzero_si256();
  idx_t i = 0;
  for (; i + 8 <= count && byte + kLanes.high + 16 <= readable; i += 8, byte += kWidth) {
    __m256i bytes = _mm256_loadu2_m128i(reinterpret_cast<const __m128i*>(in + byte + kLanes.high),
                                        reinterpret_cast<const __m128i*>(in + byte));
    __m256i v =
        _mm256_and_si256(_mm256_srlv_epi32(_mm256_shuffle_epi8(bytes, shuffle), shift), mask);
    if constexpr (kLargest)
      most = _mm256_max_epu32(most, v);
    if constexpr (sizeof(U) == 4) {
      v = _mm256_add_epi32(v, _mm256_set1_epi32(static_cast<int32_t>(base)));
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), v);
    } else {
      const __m256i b = _mm256_set1_epi64x(static_cast<int64_t>(base));
      __m256i lo = _mm256_add_epi64(_mm256_cvtepu32_epi64(_mm256_castsi256_si128(v)), b);
      __m256i hi = _mm256_add_epi64(_mm256_cvtepu32_epi64(_mm256_extracti128_si256(v, 1)), b);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), lo);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i + 4), hi);
    }
  }
  if constexpr (kLargest) {
    alignas(32) uint32_t lanes[8];
    _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), most);
    for (uint32_t lane : lanes)
      *largest = std::max(*largest, lane);
  }
  return i;
}
#endif

template <class U, int kWidth>
void UnpackWidth(const char* in, idx_t first, idx_t count, U base, U* out) {
  if constexpr (kWidth == 0) {
    std::fill(out, out + count, base);
  } else {
    idx_t i = 0;
#if defined(__x86_64__)
    if constexpr (kWidth <= kMaxAvx2Width && sizeof(U) >= 4) {
      if (first % 8 == 0 && HasAvx2()) {
        i = UnpackAvx2<U, kWidth>(in, first, count, base, out);
        UnpackSome<U>(in, first + i, count - i, kWidth, base, out + i);
        return;
      }
    }
#endif
    if (first % 64 == 0) {
      const char* block = in + first / 64 * kWidth * 8;
      for (; i + 64 <= count; i += 64, block += kWidth * 8)
        UnpackBlock<U, kWidth>(block, base, out + i);
    }
    UnpackSome<U>(in, first + i, count - i, kWidth, base, out + i);
  }
}

template <int kWidth>
uint32_t UnpackCodesWidth(const char* in, idx_t first, idx_t count, uint32_t* out) {
  uint32_t largest = 0;
  idx_t i = 0;
#if defined(__x86_64__)
  if constexpr (kWidth > 0 && kWidth <= kMaxAvx2Width) {
    if (first % 8 == 0 && HasAvx2())
      i = UnpackAvx2<uint32_t, kWidth, true>(in, first, count, 0, out, &largest);
  }
#endif
  UnpackWidth<uint32_t, kWidth>(in, first + i, count - i, 0, out + i);
  for (idx_t j = i; j < count; j++)
    largest = std::max(largest, out[j]);
  return largest;
}

using CodeUnpacker = uint32_t (*)(const char*, idx_t, idx_t, uint32_t*);

template <int... kWidths>
constexpr auto MakeCodeUnpackers(std::integer_sequence<int, kWidths...>) {
  return std::array<CodeUnpacker, sizeof...(kWidths)>{&UnpackCodesWidth<kWidths>...};
}

constexpr auto kCodeUnpackers = MakeCodeUnpackers(std::make_integer_sequence<int, 33>());

template <class U>
using Unpacker = void (*)(const char*, idx_t, idx_t, U, U*);

template <class U, int... kWidths>
constexpr auto MakeUnpackers(std::integer_sequence<int, kWidths...>) {
  return std::array<Unpacker<U>, sizeof...(kWidths)>{&UnpackWidth<U, kWidths>...};
}

template <class U>
constexpr auto kUnpackers = MakeUnpackers<U>(std::make_integer_sequence<int, 8 * sizeof(U) + 1>());

}  // namespace

void AllowSimdForTesting(bool allowed) {
#if defined(__x86_64__)
  simd_allowed = allowed;
#else
  (void)allowed;
#endif
}

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

uint32_t UnpackCodes(const char* in, idx_t first, idx_t count, int width, uint32_t* out) {
  return kCodeUnpackers[width](in, first, count, out);
}

template void Unpack<uint16_t>(const char*, idx_t, idx_t, int, uint16_t, uint16_t*);
template void Unpack<uint32_t>(const char*, idx_t, idx_t, int, uint32_t, uint32_t*);
template void Unpack<uint64_t>(const char*, idx_t, idx_t, int, uint64_t, uint64_t*);

}  // namespace tributary::bit_packing
