// Bit unpacking gives back every packed value, at every width and output
// type, from any first value (word-aligned blocks and the generic tail),
// with the frame of reference added wrapping in the output type.
#include "storage/bit_packing.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace tributary {
namespace {

template <class U>
void CheckEveryWidth() {
  std::mt19937_64 random(42);
  constexpr idx_t kCount = 2 * kVectorSize + 77;
  for (int width = 0; width <= static_cast<int>(8 * sizeof(U)); width++) {
    uint64_t mask = width == 64 ? ~uint64_t(0) : (uint64_t(1) << width) - 1;
    std::vector<uint64_t> values(kCount);
    for (auto& v : values)
      v = random() & mask;
    values[0] = mask;  // the largest value of the width
    std::vector<uint64_t> packed(bit_packing::PackedWords(kCount, width) + 1, 0);
    bit_packing::Pack(values.data(), kCount, width, packed.data());
    const char* in = reinterpret_cast<const char*>(packed.data());
    U base = static_cast<U>(~U(0) - 5);  // wraps for most values
    for (idx_t first : {idx_t(0), idx_t(8), idx_t(64), kVectorSize, idx_t(5), 2 * kVectorSize}) {
      for (idx_t count : {idx_t(0), idx_t(1), idx_t(9), idx_t(63), idx_t(64), idx_t(130),
                          kVectorSize, kCount - first}) {
        if (first + count > kCount)
          continue;
        std::vector<U> out(count + 1, U(7));
        bit_packing::Unpack<U>(in, first, count, width, base, out.data());
        for (idx_t i = 0; i < count; i++) {
          ASSERT_EQ(out[i], static_cast<U>(base + static_cast<U>(values[first + i])))
              << "width " << width << " first " << first << " count " << count << " i " << i;
        }
        ASSERT_EQ(out[count], U(7)) << "wrote past the end";
      }
    }
  }
}

TEST(BitPacking, UnpacksEveryWidth) {
  for (bool simd : {true, false}) {
    bit_packing::AllowSimdForTesting(simd);
    CheckEveryWidth<uint16_t>();
    CheckEveryWidth<uint32_t>();
    CheckEveryWidth<uint64_t>();
  }
  bit_packing::AllowSimdForTesting(true);
}

TEST(BitPacking, UnpacksCodesWithTheLargest) {
  std::mt19937_64 random(7);
  constexpr idx_t kCount = kVectorSize + 100;
  for (bool simd : {true, false}) {
    bit_packing::AllowSimdForTesting(simd);
    for (int width = 0; width <= 32; width++) {
      uint64_t mask = (uint64_t(1) << width) - 1;
      std::vector<uint64_t> values(kCount);
      for (auto& v : values)
        v = random() & (mask >> 1);  // the top bit only where placed below
      std::vector<uint64_t> packed(bit_packing::PackedWords(kCount, width) + 1, 0);
      for (idx_t place : {idx_t(3), idx_t(700), kCount - 1}) {
        auto with = values;
        with[place] = mask;
        bit_packing::Pack(with.data(), kCount, width, packed.data());
        const char* in = reinterpret_cast<const char*>(packed.data());
        for (idx_t first : {idx_t(0), kVectorSize}) {
          idx_t count = kCount - first;
          std::vector<uint32_t> out(count);
          uint32_t largest = bit_packing::UnpackCodes(in, first, count, width, out.data());
          uint64_t want = 0;
          for (idx_t i = 0; i < count; i++) {
            ASSERT_EQ(out[i], with[first + i]) << width;
            want = std::max(want, with[first + i]);
          }
          ASSERT_EQ(largest, want) << "width " << width << " place " << place << " first " << first;
        }
      }
    }
  }
  bit_packing::AllowSimdForTesting(true);
}

TEST(BitPacking, PacksIntoTheDocumentedLayout) {
  // Value i at bits [3i, 3i + 3) of little-endian words; value 21 straddles
  // the first two words.
  std::vector<uint64_t> values(30);
  for (idx_t i = 0; i < values.size(); i++)
    values[i] = i % 8;
  std::vector<uint64_t> packed(bit_packing::PackedWords(values.size(), 3));
  ASSERT_EQ(packed.size(), 2u);
  bit_packing::Pack(values.data(), values.size(), 3, packed.data());
  EXPECT_EQ(packed[0] & 0xFFF, 0b011'010'001'000u);
  EXPECT_EQ(packed[0] >> 63, 1u);  // value 21 = 5 = 0b101: its low bit ends word 0
  EXPECT_EQ(packed[1] & 0b11, 0b10u);
}

}  // namespace
}  // namespace tributary
