// Vectorized hashing of key columns (hash joins, hash aggregates, DISTINCT).
// Equal values hash equally across physical representations of one type;
// NULL hashes to a fixed constant so NULL-equal grouping works.
#pragma once

#include "vector/vector.h"

namespace tributary {

// hashes[i] = hash of keys.GetValue(i) for i < count. `hashes` must be a
// flat BIGINT-sized (hash_t) vector with capacity >= count.
void VectorHash(const Vector& keys, idx_t count, hash_t* hashes);
// hashes[i] = combine(hashes[i], hash of keys row i).
void VectorCombineHash(const Vector& keys, idx_t count, hash_t* hashes);

// The hash of a single 64-bit integer (murmur-style finalizer).
inline hash_t HashInt64(uint64_t x) {
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  x *= 0xd6e8feb86659fd93ULL;
  x ^= x >> 32;
  return x;
}
inline hash_t CombineHash(hash_t a, hash_t b) {
  return (a * 0xbf58476d1ce4e5b9ULL) ^ b;
}

}  // namespace tributary
