// Computes `expressions` for each row; outputs (table_index, i).
#pragma once

#include "planner/logical_operator.h"

namespace tributary {

class LogicalProjection : public LogicalOperator {
 public:
  LogicalProjection(idx_t table_index, std::vector<ExpressionPtr> select_list)
      : LogicalOperator(LogicalOperatorType::kProjection), table_index(table_index) {
    expressions = std::move(select_list);
  }

  idx_t table_index;

  std::vector<ColumnBinding> GetColumnBindings() override {
    return GenerateColumnBindings(table_index, expressions.size());
  }
  std::string GetName() const override { return "PROJECTION"; }

 protected:
  void ResolveTypes() override {
    for (auto& e : expressions)
      types.push_back(e->return_type);
  }
};

}  // namespace tributary
