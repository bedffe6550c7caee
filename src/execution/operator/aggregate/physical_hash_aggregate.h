// GROUP BY (and DISTINCT): a parallel sink (thread-local hash tables merged
// in Combine) and the source that emits groups with finalized aggregates.
// Output: group values, then aggregate results. DISTINCT aggregates keep a
// set of (group, argument) pairs so each distinct input counts once; with
// them the sink runs on one thread.
#pragma once

#include "execution/physical_operator.h"
#include "planner/expression.h"

namespace tributary {

class PhysicalHashAggregate : public PhysicalOperator {
 public:
  PhysicalHashAggregate(std::vector<LogicalType> types, std::vector<ExpressionPtr> groups,
                        std::vector<ExpressionPtr> aggregates, idx_t estimated_cardinality);

  std::vector<ExpressionPtr> groups;
  std::vector<ExpressionPtr> aggregates;

  std::string GetName() const override {
    return aggregates.empty() ? "HASH_DISTINCT" : "HASH_GROUP_BY";
  }
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
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  SourceResultType GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& gstate,
                           LocalSourceState& lstate) const override;

 private:
  bool has_distinct_ = false;
};

}  // namespace tributary
