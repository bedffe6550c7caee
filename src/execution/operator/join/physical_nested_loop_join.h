// Nested loop join for conditions a hash join cannot use (inequalities,
// arbitrary predicates) and for cross products (null condition). The right
// side is materialized by the sink; each probe chunk is paired with it a
// probe row at a time, the condition evaluated vector-wise per build chunk.
#pragma once

#include "execution/physical_operator.h"
#include "planner/expression.h"
#include "planner/join_type.h"

namespace tributary {

class PhysicalNestedLoopJoin : public PhysicalOperator {
 public:
  PhysicalNestedLoopJoin(std::vector<LogicalType> types, PhysicalOperatorPtr left,
                         PhysicalOperatorPtr right, ExpressionPtr condition, JoinType join_type,
                         idx_t estimated_cardinality);

  ExpressionPtr condition;
  JoinType join_type;

  std::string GetName() const override { return condition ? "NESTED_LOOP_JOIN" : "CROSS_PRODUCT"; }
  std::string ParamsToString() const override;

  bool IsSink() const override { return true; }
  bool ParallelSink() const override { return true; }
  idx_t SinkChildIndex() const override { return 1; }
  bool EmitsAfterProbe() const override {
    return join_type == JoinType::kRight || join_type == JoinType::kFull;
  }
  std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ClientContext& context) const override;
  std::unique_ptr<LocalSinkState> GetLocalSinkState(ExecutionContext& context) const override;
  SinkResultType Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& gstate,
                      LocalSinkState& lstate) const override;
  void Combine(ExecutionContext& context, GlobalSinkState& gstate,
               LocalSinkState& lstate) const override;
  void Finalize(ClientContext& context, GlobalSinkState& gstate) const override;

  std::unique_ptr<OperatorState> GetOperatorState(ExecutionContext& context) const override;
  OperatorResultType Execute(ExecutionContext& context, DataChunk& input, DataChunk& chunk,
                             GlobalOperatorState& gstate, OperatorState& state) const override;

  bool IsSource() const override { return EmitsAfterProbe(); }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  SourceResultType GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& gstate,
                           LocalSourceState& lstate) const override;

 private:
  std::vector<LogicalType> build_types_;
};

}  // namespace tributary
