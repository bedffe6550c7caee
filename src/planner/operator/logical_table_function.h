// A table function in FROM (generate_series).
#pragma once

#include "function/table_function.h"
#include "planner/logical_operator.h"

namespace tributary {

class LogicalTableFunction : public LogicalOperator {
 public:
  LogicalTableFunction(idx_t table_index, TableFunction function,
                       std::unique_ptr<FunctionData> bind_data, std::vector<std::string> names,
                       std::vector<LogicalType> return_types)
      : LogicalOperator(LogicalOperatorType::kTableFunction),
        table_index(table_index),
        function(std::move(function)),
        bind_data(std::move(bind_data)),
        names(std::move(names)),
        return_types(std::move(return_types)) {}

  idx_t table_index;
  TableFunction function;
  std::unique_ptr<FunctionData> bind_data;
  std::vector<std::string> names;
  std::vector<LogicalType> return_types;

  std::vector<ColumnBinding> GetColumnBindings() override {
    return GenerateColumnBindings(table_index, return_types.size());
  }
  std::string GetName() const override { return "TABLE_FUNCTION"; }
  std::string ParamsToString() const override { return function.name; }

 protected:
  void ResolveTypes() override { types = return_types; }
};

}  // namespace tributary
