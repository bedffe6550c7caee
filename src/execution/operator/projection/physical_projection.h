// Computes one output column per expression.
#pragma once

#include "execution/physical_operator.h"
#include "planner/expression.h"

namespace tributary {

class PhysicalProjection : public PhysicalOperator {
 public:
  PhysicalProjection(std::vector<LogicalType> types, std::vector<ExpressionPtr> select_list,
                     idx_t estimated_cardinality)
      : PhysicalOperator(PhysicalOperatorType::kProjection, std::move(types),
                         estimated_cardinality),
        select_list(std::move(select_list)) {}

  std::vector<ExpressionPtr> select_list;

  std::string GetName() const override { return "PROJECTION"; }
  std::string ParamsToString() const override;
  std::unique_ptr<OperatorState> GetOperatorState(ExecutionContext& context) const override;
  OperatorResultType Execute(ExecutionContext& context, DataChunk& input, DataChunk& chunk,
                             GlobalOperatorState& gstate, OperatorState& state) const override;
};

}  // namespace tributary
