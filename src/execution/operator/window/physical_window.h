// Window functions sharing one PARTITION BY / ORDER BY.
//
// Sink (parallel): each thread evaluates the sort keys of its chunks and,
// when there is a PARTITION BY, scatters the rows by a hash of the partition
// keys into kHashGroups thread-local SortedCollections (no locks while
// sinking); Combine moves them into the global hash groups. Rows of one
// window partition always land in the same hash group, so the groups are
// independent.
// Finalize: every hash group is sorted by (partition keys, order keys), its
// window arguments evaluated and its partition/peer boundaries computed as
// one task on the TaskScheduler; then each window function is evaluated over
// ranges of every group, again in parallel (WindowEvaluator): ranges of
// whole partitions for aggregates, of any rows for the other functions.
// Without PARTITION BY there is one group: each thread sorts its own rows
// in Combine (in parallel) and they are merged, already sorted.
// Source (parallel): morsels of kVectorSize sorted rows of a group; the input
// columns followed by one column per window function. Output order is the
// sort order within a group; groups come in hash order.
#pragma once

#include "execution/physical_operator.h"
#include "planner/bound_order_by.h"

namespace tributary {

class PhysicalWindow : public PhysicalOperator {
 public:
  // Hash groups when there is a PARTITION BY (a power of two).
  static constexpr idx_t kHashGroups = 32;

  // `windows` are BoundWindowExpressions over the input's columns with the
  // same partitions and orders; `types` are the input types then theirs.
  PhysicalWindow(std::vector<LogicalType> types, std::vector<ExpressionPtr> windows,
                 idx_t estimated_cardinality);

  std::vector<ExpressionPtr> windows;
  // Partition keys (ascending) then the windows' ORDER BY keys.
  std::vector<BoundOrderByNode> sort_keys;
  idx_t partition_count = 0;
  idx_t input_column_count = 0;

  std::string GetName() const override { return "WINDOW"; }
  std::string ParamsToString() const override;
  // 1 without PARTITION BY, else kHashGroups.
  idx_t HashGroupCount() const { return partition_count == 0 ? 1 : kHashGroups; }

  bool IsSink() const override { return true; }
  bool ParallelSink() const override { return true; }
  std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ClientContext& context) const override;
  std::unique_ptr<LocalSinkState> GetLocalSinkState(ExecutionContext& context) const override;
  SinkResultType Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& gstate,
                      LocalSinkState& lstate) const override;
  void Combine(ExecutionContext& context, GlobalSinkState& gstate,
               LocalSinkState& lstate) const override;
  void Finalize(ClientContext& context, GlobalSinkState& gstate) const override;

  bool IsSource() const override { return true; }
  bool ParallelSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  std::unique_ptr<LocalSourceState> GetLocalSourceState(ExecutionContext& context,
                                                        GlobalSourceState& gstate) const override;
  SourceResultType GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& gstate,
                           LocalSourceState& lstate) const override;
};

}  // namespace tributary
