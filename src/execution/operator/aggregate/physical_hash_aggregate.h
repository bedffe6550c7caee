// GROUP BY (and DISTINCT): a parallel sink and a parallel source. Each
// thread aggregates into its own hash table; Finalize merges them (one task
// per hash partition when there are many groups, see
// GroupedAggregateHashTable), and the source emits the groups with their
// finalized aggregates in morsels of up to kVectorSize groups.
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
  // GROUPING SETS without columns (GROUP BY ROLLUP(a) has one): their
  // positions, which the last group column holds. Like an ungrouped
  // aggregate, each gives a row even when the input is empty.
  std::vector<idx_t> empty_grouping_sets;

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
  void Finalize(ClientContext& context, GlobalSinkState& gstate) const override;

  bool IsSource() const override { return true; }
  bool ParallelSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  std::unique_ptr<LocalSourceState> GetLocalSourceState(ExecutionContext& context,
                                                        GlobalSourceState& gstate) const override;
  SourceResultType GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& gstate,
                           LocalSourceState& lstate) const override;

 private:
  bool has_distinct_ = false;
};

}  // namespace tributary
