#include "random_stream.h"

namespace tpch_gen {

RandomStream RandomStream::ForPurpose(uint64_t seed, std::string_view purpose) {
  // FNV-1a over the purpose name, then mixed with the seed.
  uint64_t hash = 0xCBF29CE484222325ULL;
  for (char c : purpose) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001B3ULL;
  }
  return RandomStream(Mix(seed ^ Mix(hash)));
}

}  // namespace tpch_gen
