// Keeps the rows where the predicate is TRUE (compacting gather).
#pragma once

#include "execution/physical_operator.h"
#include "planner/expression.h"

namespace tributary {

class PhysicalFilter : public PhysicalOperator {
 public:
  PhysicalFilter(std::vector<LogicalType> types, ExpressionPtr predicate,
                 idx_t estimated_cardinality)
      : PhysicalOperator(PhysicalOperatorType::kFilter, std::move(types), estimated_cardinality),
        predicate(std::move(predicate)) {}

  ExpressionPtr predicate;

  std::string GetName() const override { return "FILTER"; }
  std::string ParamsToString() const override { return predicate->ToString(); }
  std::unique_ptr<OperatorState> GetOperatorState(ExecutionContext& context) const override;
  OperatorResultType Execute(ExecutionContext& context, DataChunk& input, DataChunk& chunk,
                             GlobalOperatorState& gstate, OperatorState& state) const override;
};

}  // namespace tributary
