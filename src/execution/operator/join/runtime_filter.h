// RuntimeFilter: a hash join's build keys applied to a scan on its probe
// side, so the scan drops rows that cannot find a match before anything
// above it (the join's probe, or an aggregate under the join) works on them.
// One mechanism for both kinds of scan:
// - remote scans add the keys to their query (remote_dynamic_filter.h);
// - local table scans skip row groups whose zone maps lie outside the keys
//   and drop rows whose key is not in the build's JoinKeySummary (min/max,
//   and a bitmap of the keys when their range is narrow).
//
// Contract:
// - Attached only where dropping probe rows without a match cannot change
//   the answer: INNER, SEMI, RIGHT, RIGHT_SEMI and RIGHT_ANTI joins (never
//   LEFT, FULL, ANTI, MARK or SINGLE, whose probe rows are kept or counted
//   unmatched), `=` conditions (not IS NOT DISTINCT FROM: NULL keys match
//   there).
// - The scan is reached from the join's probe side through projections
//   (plain column references), filters, other hash joins' probe sides, and
//   GROUP BYs (a plain grouping column, no grouping sets): dropping an
//   aggregate's input rows on a grouping key drops whole groups, and only
//   groups whose key no build row has.
// - The scan's pipeline runs after the join's build pipeline is finalized
//   (Executor::ComputeDependencies), even when an aggregate lies between.
// - Local scans: integer-like keys only (JoinKeySummary::Summarizable), the
//   probe key a column or an integer widening cast of one. A filter that
//   keeps nearly every row it sees switches itself off (it is only ever an
//   optimization: the join still checks every key).
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "common/constants.h"

namespace tributary {

class DataChunk;
class Executor;
class JoinKeySummary;
class PhysicalHashJoin;
struct SegmentStatistics;

struct RuntimeFilter {
  const PhysicalHashJoin* join = nullptr;
  idx_t condition = 0;  // in join->conditions
  idx_t column = 0;     // position in the scan's output
};

// Registers `join`'s eligible keys with the scans on its probe side.
void AttachRuntimeFilters(PhysicalHashJoin& join);

// The runtime filters of one run of a local table scan, shared by its
// threads. Initialize before the scan's threads start.
class LocalRuntimeFilters {
 public:
  LocalRuntimeFilters();
  ~LocalRuntimeFilters();

  // Reads the summaries of `filters` (their joins' builds are finalized).
  void Initialize(const std::vector<RuntimeFilter>& filters, Executor& executor);
  bool empty() const { return filters_.empty(); }

  // False when the zone map of scan output column `column` (over the
  // segment that column reads) shows no row can match. `stats(column)`
  // returns the zone map or null.
  template <class Stats>
  bool MayMatch(Stats&& stats) const {
    for (auto& f : filters_) {
      if (!MayMatchOne(*f, stats(f->column)))
        return false;
    }
    return true;
  }

  // Drops the rows of `chunk` no build key can match; returns how many.
  idx_t Apply(DataChunk& chunk);

 private:
  struct Filter {
    idx_t column = 0;
    const JoinKeySummary* summary = nullptr;
    std::atomic<uint64_t> seen{0};  // rows checked
    std::atomic<uint64_t> kept{0};  // of which kept
    std::atomic<bool> off{false};
  };
  static bool MayMatchOne(const Filter& f, const SegmentStatistics* stats);

  std::vector<std::unique_ptr<Filter>> filters_;
};

}  // namespace tributary
