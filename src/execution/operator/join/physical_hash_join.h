// Hash join. The build side (children[1]) is a parallel sink: rows and join
// keys are collected per thread, merged, and hashed into a chained table in
// Finalize. The probe side (children[0]) streams through Execute, a chunk
// at a time. RIGHT and FULL joins afterwards emit the build rows that never
// matched (the join then acts as a source); RIGHT_SEMI / RIGHT_ANTI joins
// only mark the build rows probes match and then emit the matched /
// unmatched build rows (a build row with a NULL key of a plain equality
// never matches). The match flags are atomic: probe threads share them. Equality conditions with
// ComparisonType::kNotDistinctFrom treat NULL keys as equal.
#pragma once

#include "execution/physical_operator.h"
#include "planner/join_condition.h"
#include "planner/join_type.h"

namespace tributary {

class Executor;
class JoinKeySummary;
class JoinRowCollection;

class PhysicalHashJoin : public PhysicalOperator {
 public:
  PhysicalHashJoin(std::vector<LogicalType> types, PhysicalOperatorPtr left,
                   PhysicalOperatorPtr right, std::vector<JoinCondition> conditions,
                   JoinType join_type, ExpressionPtr residual, idx_t estimated_cardinality);

  std::vector<JoinCondition> conditions;
  JoinType join_type;
  ExpressionPtr residual;

  std::string GetName() const override { return "HASH_JOIN"; }
  std::string ParamsToString() const override;

  bool IsSink() const override { return true; }
  bool ParallelSink() const override { return true; }
  idx_t SinkChildIndex() const override { return 1; }
  bool EmitsAfterProbe() const override {
    return join_type == JoinType::kRight || join_type == JoinType::kFull ||
           join_type == JoinType::kRightSemi || join_type == JoinType::kRightAnti;
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

  // The build side's key columns (one per condition, NULLs included), for
  // dynamic filters (remote_dynamic_filter.h). Valid once the build
  // pipeline is finalized, i.e. while the probe pipeline runs.
  const JoinRowCollection& BuildKeys(Executor& executor) const;
  // Per condition: local scans filter on its keys (runtime_filter.h), so
  // Finalize summarizes them. Set when the plan is made.
  std::vector<bool> summarized_conditions;
  // The summary of condition `condition`'s build keys (built() only when
  // summarized_conditions says so). Valid like BuildKeys.
  const JoinKeySummary& KeySummary(Executor& executor, idx_t condition) const;

  bool IsSource() const override { return EmitsAfterProbe(); }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  SourceResultType GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& gstate,
                           LocalSourceState& lstate) const override;

 private:
  std::vector<LogicalType> build_types_;
  std::vector<LogicalType> key_types_;
  // When every build key is a plain column of the build rows: those
  // columns (the keys are then not stored twice); empty otherwise.
  std::vector<idx_t> key_columns_;
};

}  // namespace tributary
