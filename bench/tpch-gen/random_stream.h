// A small, fast, seedable pseudo-random number stream.
//
// Every table draws from its own stream, derived from the global seed and the table's name, so
// a table's contents depend only on the seed and the scale factor (not on which other tables
// are generated, nor on the order they are generated in).
#pragma once

#include <cstdint>
#include <string_view>

namespace tpch_gen {

class RandomStream {
 public:
  explicit RandomStream(uint64_t seed) : state_(seed) {}

  // The stream for one named purpose (a table, the text pool), derived from the global seed.
  static RandomStream ForPurpose(uint64_t seed, std::string_view purpose);

  // 64 uniformly distributed bits (the SplitMix64 sequence: a Weyl sequence passed through a
  // bijective mixing function; period 2^64).
  uint64_t NextBits() {
    state_ += 0x9E3779B97F4A7C15ULL;
    return Mix(state_);
  }

  // A uniformly distributed integer in [lo, hi]. The range hi - lo + 1 must be below 2^32;
  // the bias of the multiply-shift reduction is below 2^-32 and is ignored.
  int64_t Uniform(int64_t lo, int64_t hi) {
    uint64_t range = static_cast<uint64_t>(hi - lo) + 1;
    uint64_t high_bits = NextBits() >> 32;
    return lo + static_cast<int64_t>((high_bits * range) >> 32);
  }

  static uint64_t Mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_;
};

}  // namespace tpch_gen
