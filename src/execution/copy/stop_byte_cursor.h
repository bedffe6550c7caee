// StopByteCursor: finds, left to right, the bytes that may end a field of
// COPY's text format (the delimiter, '\n', '\r', and '\\' when escapes are
// on) 64 bytes at a time: one bit mask per 64-byte block, computed with
// SSE2 where the target has it (x86-64 always does) and byte by byte
// elsewhere; each stop is then a count of trailing zeros. Fields are short
// (lineitem's average 8 bytes), so amortizing the comparisons over a block
// beats scanning each field on its own.
//
// The cursor never reads outside [block start, end): the last 63 bytes or
// fewer are scanned byte by byte.
//
// Thread-safety: one cursor per scanning thread (it is a few words of
// state, made per Read call).
#pragma once

#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tributary {

class StopByteCursor {
 public:
  // `stops`: the 256-entry table of stop bytes; `delimiter`, `escape`
  // ('\\', or '\n' again when escapes are off): the same set, for SIMD.
  StopByteCursor(const bool* stops, char delimiter, char escape)
      : stops_(stops), delimiter_(delimiter), escape_(escape) {}

  // The first stop byte at or after `p`, or `end` when there is none.
  // Calls must move forward (p at least the previous call's p); any jump
  // forward is fine.
  const char* Next(const char* p, const char* end) {
    for (;;) {
      if (block_ != nullptr && p - block_ < 64) {
        uint64_t m = mask_ & (~uint64_t(0) << (p - block_));
        if (m != 0)
          return block_ + __builtin_ctzll(m);
        p = block_ + 64;
      }
      if (end - p < 64) {
        while (p < end && !stops_[static_cast<unsigned char>(*p)])
          p++;
        return p;
      }
      block_ = p;
      mask_ = Mask(p);
    }
  }

 private:
  uint64_t Mask(const char* p) const {
#if defined(__SSE2__)
    const __m128i d = _mm_set1_epi8(delimiter_);
    const __m128i n = _mm_set1_epi8('\n');
    const __m128i r = _mm_set1_epi8('\r');
    const __m128i e = _mm_set1_epi8(escape_);
    uint64_t bits = 0;
    for (int k = 0; k < 4; k++) {
      __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
      __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, d), _mm_cmpeq_epi8(x, n)),
                                 _mm_or_si128(_mm_cmpeq_epi8(x, r), _mm_cmpeq_epi8(x, e)));
      bits |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(hit))) << (16 * k);
    }
    return bits;
#else
    uint64_t bits = 0;
    for (int k = 0; k < 64; k++)
      bits |= static_cast<uint64_t>(stops_[static_cast<unsigned char>(p[k])]) << k;
    return bits;
#endif
  }

  const bool* stops_;
  char delimiter_;
  char escape_;
  const char* block_ = nullptr;
  uint64_t mask_ = 0;
};

}  // namespace tributary
