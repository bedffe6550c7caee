// ORDER BY: a parallel sink collecting rows (thread-local, merged in
// Combine), sorted once in Finalize; the source emits them in order.
#pragma once

#include "execution/physical_operator.h"
#include "planner/bound_order_by.h"

namespace tributary {

class PhysicalOrder : public PhysicalOperator {
 public:
  PhysicalOrder(std::vector<LogicalType> types, std::vector<BoundOrderByNode> orders,
                idx_t estimated_cardinality);

  std::vector<BoundOrderByNode> orders;

  std::string GetName() const override { return "ORDER_BY"; }
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

// ORDER BY ... LIMIT n OFFSET m: like PhysicalOrder, but each thread keeps
// only its best n + m rows (pruned whenever its buffer grows past a few
// times that), so the sort touches a small fraction of the input.
class PhysicalTopN : public PhysicalOrder {
 public:
  PhysicalTopN(std::vector<LogicalType> types, std::vector<BoundOrderByNode> orders, idx_t limit,
               idx_t offset, idx_t estimated_cardinality);

  idx_t limit;
  idx_t offset;

  std::string GetName() const override { return "TOP_N"; }
  std::string ParamsToString() const override;
  SinkResultType Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& gstate,
                      LocalSinkState& lstate) const override;
  void Finalize(ClientContext& context, GlobalSinkState& gstate) const override;
  SourceResultType GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& gstate,
                           LocalSourceState& lstate) const override;
};

}  // namespace tributary
