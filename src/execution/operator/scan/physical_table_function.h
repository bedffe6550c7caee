// Runs a table function (generate_series) as a pipeline source.
#pragma once

#include "execution/physical_operator.h"
#include "function/table_function.h"

namespace tributary {

class PhysicalTableFunction : public PhysicalOperator {
 public:
  PhysicalTableFunction(std::vector<LogicalType> types, TableFunction function,
                        std::unique_ptr<FunctionData> bind_data, idx_t estimated_cardinality)
      : PhysicalOperator(PhysicalOperatorType::kTableFunction, std::move(types),
                         estimated_cardinality),
        function(std::move(function)),
        bind_data(std::move(bind_data)) {}

  TableFunction function;
  std::unique_ptr<FunctionData> bind_data;

  std::string GetName() const override { return "TABLE_FUNCTION"; }
  std::string ParamsToString() const override { return function.name; }
  bool IsSource() const override { return true; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  SourceResultType GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& gstate,
                           LocalSourceState& lstate) const override;
};

}  // namespace tributary
