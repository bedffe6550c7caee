// JoinKeySummary: what a finished hash join build knows about one integer
// key column, for the runtime filters of local scans on its probe side
// (runtime_filter.h): the smallest and largest non-NULL key and, when the
// keys span at most kMaxBits values, a bitmap of the keys themselves (exact,
// so a probe value outside it cannot find a match).
//
// Keys are integer-like values read as int64: SMALLINT, INTEGER, BIGINT,
// DATE and DECIMAL(p<=18) unscaled (probe and build at the same scale). NULL
// keys are left out: they never match a plain equality.
//
// Built once in the join's Finalize (one pass over the build keys), then
// read-only: any number of threads may call its const methods.
#pragma once

#include <cstdint>
#include <vector>

#include "vector/data_chunk.h"

namespace tributary {

class JoinRowCollection;

class JoinKeySummary {
 public:
  // A bitmap of up to 2^25 bits (4 MiB) covers the key range.
  static constexpr uint64_t kMaxBits = uint64_t(1) << 25;

  // True for the types a summary can describe.
  static bool Summarizable(const LogicalType& type);

  // Summarizes column `column` of the consolidated `keys`.
  void Build(const JoinRowCollection& keys, idx_t column);

  bool built() const { return built_; }
  // No non-NULL key: no probe row can match.
  bool empty() const { return count_ == 0; }
  int64_t min() const { return min_; }
  int64_t max() const { return max_; }
  bool exact() const { return !bits_.empty(); }

  // False only when no value in [lo, hi] is a key.
  bool MayContainRange(int64_t lo, int64_t hi) const;

  // Writes to `out` the rows i < count of `vector` (an integer-like vector
  // of a summarizable type) whose value may be a key (never a NULL);
  // returns how many.
  idx_t Select(const Vector& vector, idx_t count, sel_t* out) const;

 private:
  template <class T>
  idx_t SelectTyped(const Vector& vector, idx_t count, sel_t* out) const;

  bool built_ = false;
  idx_t count_ = 0;  // non-NULL keys
  int64_t min_ = 0;
  int64_t max_ = 0;
  std::vector<uint64_t> bits_;  // bit (k - min) is set for every key k
};

}  // namespace tributary
