// JoinMatches: the matching (probe row, build row) pairs of one probe
// chunk, and the output a join type makes of them, emitted in chunks of at
// most kVectorSize rows (so one probe chunk may produce several outputs).
// Shared by the hash join and the nested loop join.
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "execution/expression_executor.h"
#include "execution/operator/join/join_row_collection.h"
#include "planner/join_type.h"

namespace tributary {

struct JoinMatches {
  std::vector<sel_t> probe;  // probe row of each candidate pair
  std::vector<idx_t> build;  // build row of each candidate pair

  void Clear() {
    probe.clear();
    build.clear();
  }
  void Add(idx_t p, idx_t b) {
    probe.push_back(static_cast<sel_t>(p));
    build.push_back(b);
  }
};

// Turns matches into output rows. Usage per probe chunk: Start(), then
// Next() until it returns false.
class JoinOutput {
 public:
  JoinOutput(JoinType type, const Expression* residual, idx_t left_columns,
             const std::vector<LogicalType>& right_types);

  // Filters `matches` by the residual (pairs where it is not TRUE are
  // dropped), marks matched build rows in `build_matched` (RIGHT/FULL), and
  // prepares the output rows. `probe_has_null[i]`/`build_has_null` feed
  // MARK joins' NULL result.
  void Start(DataChunk& probe, JoinMatches& matches, const JoinRowCollection& build,
             std::atomic<uint8_t>* build_matched, const std::vector<bool>& probe_null_key,
             bool build_has_null_key);
  // Writes the next output chunk; false when nothing is left.
  bool Next(DataChunk& probe, const JoinRowCollection& build, DataChunk& out);

 private:
  JoinType type_;
  const Expression* residual_;
  idx_t left_columns_;
  std::vector<LogicalType> right_types_;
  std::unique_ptr<ExpressionExecutor> residual_executor_;
  // Output rows: probe index (kInvalidIndex never happens on this side)
  // and build row (kInvalidIndex = NULLs), or for MARK the mark value.
  std::vector<sel_t> out_probe_;
  std::vector<idx_t> out_build_;
  std::vector<int8_t> out_mark_;  // 1 true, 0 false, -1 NULL
  idx_t position_ = 0;
};

}  // namespace tributary
