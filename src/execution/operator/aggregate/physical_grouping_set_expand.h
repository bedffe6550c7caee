// GROUPING SETS input: every input chunk leaves once per grouping set, as
// the input columns followed by the GROUP BY values (NULL for the columns
// the set does not group by) and an INTEGER column holding the set's
// position. A hash aggregate on the appended columns then computes all sets
// in one pass over the shared input. Streaming and parallel; the input
// columns and the grouped values are referenced, not copied.
#pragma once

#include "execution/physical_operator.h"
#include "planner/expression.h"

namespace tributary {

class PhysicalGroupingSetExpand : public PhysicalOperator {
 public:
  // `types`: the input's types, then the groups' types, then INTEGER.
  PhysicalGroupingSetExpand(std::vector<LogicalType> types, std::vector<ExpressionPtr> groups,
                            std::vector<std::vector<idx_t>> sets, idx_t estimated_cardinality);

  std::vector<ExpressionPtr> groups;
  std::vector<std::vector<idx_t>> sets;

  std::string GetName() const override { return "GROUPING_SETS"; }
  std::string ParamsToString() const override;
  std::unique_ptr<OperatorState> GetOperatorState(ExecutionContext& context) const override;
  OperatorResultType Execute(ExecutionContext& context, DataChunk& input, DataChunk& chunk,
                             GlobalOperatorState& gstate, OperatorState& state) const override;

 private:
  // member_[s][g]: set s groups by groups[g].
  std::vector<std::vector<bool>> member_;
};

}  // namespace tributary
