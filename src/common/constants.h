// Small shared types used by every layer.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tributary {

using idx_t = uint64_t;
using data_t = uint8_t;
using data_ptr_t = data_t*;
using const_data_ptr_t = const data_t*;
using hash_t = uint64_t;
using hugeint_t = __int128;
using uhugeint_t = unsigned __int128;

// Rows per DataChunk: large enough to amortize interpretation, small enough
// that a chunk's columns stay in L2 cache.
constexpr idx_t kVectorSize = 2048;
constexpr idx_t kInvalidIndex = ~idx_t(0);

}  // namespace tributary
