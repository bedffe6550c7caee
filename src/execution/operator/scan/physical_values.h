// VALUES rows: evaluates each row's expressions (which may not reference
// columns) and emits them in order.
#pragma once

#include "execution/physical_operator.h"
#include "planner/expression.h"

namespace tributary {

class PhysicalValues : public PhysicalOperator {
 public:
  PhysicalValues(std::vector<LogicalType> types, std::vector<std::vector<ExpressionPtr>> values,
                 idx_t estimated_cardinality);

  std::vector<std::vector<ExpressionPtr>> values;

  std::string GetName() const override { return "VALUES"; }
  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  SourceResultType GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& gstate,
                           LocalSourceState& lstate) const override;
};

}  // namespace tributary
