// INTERSECT [ALL] / EXCEPT [ALL]. The child yields the operation's columns
// plus an INTEGER tag (0 = row of the left input, 1 = of the right); rows
// are grouped on all columns (NULLs equal) counting each side, and each
// group is emitted as many times as the set semantics say:
//   INTERSECT 1 if both counts > 0;   INTERSECT ALL min(left, right);
//   EXCEPT    1 if left > 0 = right;  EXCEPT ALL    max(left - right, 0).
#pragma once

#include "execution/physical_operator.h"

namespace tributary {

enum class SetOperationKind : uint8_t { kIntersect, kExcept };

class PhysicalSetOperation : public PhysicalOperator {
 public:
  PhysicalSetOperation(std::vector<LogicalType> types, SetOperationKind kind, bool all,
                       idx_t estimated_cardinality)
      : PhysicalOperator(PhysicalOperatorType::kSetOperation, std::move(types),
                         estimated_cardinality),
        kind(kind),
        all(all) {}

  SetOperationKind kind;
  bool all;

  std::string GetName() const override {
    return std::string(kind == SetOperationKind::kIntersect ? "INTERSECT" : "EXCEPT") +
           (all ? "_ALL" : "");
  }

  bool IsSink() const override { return true; }
  bool ParallelSink() const override { return true; }
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
};

}  // namespace tributary
