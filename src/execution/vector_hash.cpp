#include "execution/vector_hash.h"

#include <cmath>
#include <cstring>
#include <string_view>

namespace tributary {

namespace {

constexpr hash_t kNullHash = 0xbf58476d1ce4e5b9ULL;

// Strings: 8 bytes at a time, each word folded in with a multiply and a
// shift, then HashInt64's finalizer. Cheaper than std::hash for the short
// keys (flags, codes, names) that dominate grouping and joins.
inline hash_t HashString(const string_t& s) {
  const char* p = s.ptr;
  uint32_t n = s.len;
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, sizeof(w));
    h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
  }
  if (n > 0) {
    uint64_t w = 0;
    for (uint32_t i = 0; i < n; i++)
      w |= uint64_t(static_cast<uint8_t>(p[i])) << (8 * i);
    h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
  }
  return HashInt64(h);
}

template <class T>
inline hash_t HashValue(const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    return HashInt64(v ? 1 : 0);
  } else if constexpr (std::is_same_v<T, hugeint_t>) {
    return CombineHash(HashInt64(uint64_t(v)), HashInt64(uint64_t(uhugeint_t(v) >> 64)));
  } else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
    // -0.0 equals 0.0 and all NaNs are equal in SQL comparisons.
    double d = v;
    if (d == 0)
      d = 0;
    if (std::isnan(d))
      return HashInt64(0x7ff8000000000000ULL);
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof(bits));
    return HashInt64(bits);
  } else if constexpr (std::is_same_v<T, string_t>) {
    return HashString(v);
  } else if constexpr (std::is_same_v<T, interval_t>) {
    // Intervals compare by total span (1 month = 30 days, 1 day = 24 h).
    hugeint_t total = (hugeint_t(v.months) * 30 + v.days) * hugeint_t(86400000000LL) + v.micros;
    return HashValue<hugeint_t>(total);
  } else {
    return HashInt64(uint64_t(int64_t(v)));
  }
}

template <bool kCombine, class T>
void HashLoop(const Vector& keys, idx_t count, hash_t* hashes) {
  auto data = keys.Data<T>();
  auto& validity = keys.validity();
  if (keys.IsConstant()) {
    hash_t h = validity.RowIsValid(0) ? HashValue<T>(data[0]) : kNullHash;
    for (idx_t i = 0; i < count; i++)
      hashes[i] = kCombine ? CombineHash(hashes[i], h) : h;
    return;
  }
  if (validity.AllValid()) {
    for (idx_t i = 0; i < count; i++) {
      hash_t h = HashValue<T>(data[i]);
      hashes[i] = kCombine ? CombineHash(hashes[i], h) : h;
    }
  } else {
    for (idx_t i = 0; i < count; i++) {
      hash_t h = validity.RowIsValid(i) ? HashValue<T>(data[i]) : kNullHash;
      hashes[i] = kCombine ? CombineHash(hashes[i], h) : h;
    }
  }
}

}  // namespace

void VectorHash(const Vector& keys, idx_t count, hash_t* hashes) {
  DispatchPhysical(keys.type().physical(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    HashLoop<false, T>(keys, count, hashes);
  });
}

void VectorCombineHash(const Vector& keys, idx_t count, hash_t* hashes) {
  DispatchPhysical(keys.type().physical(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    HashLoop<true, T>(keys, count, hashes);
  });
}

}  // namespace tributary
