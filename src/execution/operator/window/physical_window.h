// Window functions sharing one PARTITION BY / ORDER BY: a parallel sink
// collecting rows (thread-local, merged in Combine), sorted once by
// (partition keys, order keys) in Finalize, where the window functions are
// evaluated over ranges of whole partitions in parallel on the
// TaskScheduler (WindowEvaluator); the source emits the input columns
// followed by one column per window function, in sorted order.
//
// The sort itself is single-threaded (SortedCollection); hash-partitioning
// the sink by the partition keys would let each partition group sort on its
// own thread too.
#pragma once

#include "execution/physical_operator.h"
#include "planner/bound_order_by.h"

namespace tributary {

class PhysicalWindow : public PhysicalOperator {
 public:
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
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  SourceResultType GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& gstate,
                           LocalSourceState& lstate) const override;
};

}  // namespace tributary
