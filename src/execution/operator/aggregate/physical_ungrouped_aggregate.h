// Aggregates without GROUP BY: always exactly one output row. Parallel
// sink with one state set per thread, merged in Combine (DISTINCT
// aggregates make it single-threaded).
#pragma once

#include "execution/physical_operator.h"
#include "planner/expression.h"

namespace tributary {

class PhysicalUngroupedAggregate : public PhysicalOperator {
 public:
  PhysicalUngroupedAggregate(std::vector<LogicalType> types, std::vector<ExpressionPtr> aggregates,
                             idx_t estimated_cardinality);

  std::vector<ExpressionPtr> aggregates;

  std::string GetName() const override { return "UNGROUPED_AGGREGATE"; }
  std::string ParamsToString() const override;

  bool IsSink() const override { return true; }
  bool ParallelSink() const override { return !has_distinct_; }
  std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ClientContext& context) const override;
  std::unique_ptr<LocalSinkState> GetLocalSinkState(ExecutionContext& context) const override;
  SinkResultType Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& gstate,
                      LocalSinkState& lstate) const override;
  void Combine(ExecutionContext& context, GlobalSinkState& gstate,
               LocalSinkState& lstate) const override;

  bool IsSource() const override { return true; }
  SourceResultType GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& gstate,
                           LocalSourceState& lstate) const override;

 private:
  bool has_distinct_ = false;
};

}  // namespace tributary
