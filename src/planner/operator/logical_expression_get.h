// VALUES (...), (...): rows of constant-free or constant expressions.
#pragma once

#include "planner/logical_operator.h"

namespace tributary {

class LogicalExpressionGet : public LogicalOperator {
 public:
  LogicalExpressionGet(idx_t table_index, std::vector<LogicalType> value_types,
                       std::vector<std::vector<ExpressionPtr>> values)
      : LogicalOperator(LogicalOperatorType::kExpressionGet),
        table_index(table_index),
        value_types(std::move(value_types)),
        values(std::move(values)) {}

  idx_t table_index;
  std::vector<LogicalType> value_types;
  std::vector<std::vector<ExpressionPtr>> values;

  std::vector<ColumnBinding> GetColumnBindings() override {
    return GenerateColumnBindings(table_index, value_types.size());
  }
  std::string GetName() const override { return "VALUES"; }
  std::string ParamsToString() const override { return std::to_string(values.size()) + " rows"; }

 protected:
  void ResolveTypes() override { types = value_types; }
};

}  // namespace tributary
