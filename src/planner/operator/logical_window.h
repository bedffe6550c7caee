// Computes window functions (`expressions`, BoundWindowExpressions sharing
// one PARTITION BY / ORDER BY) over its input. Outputs every input column,
// then (window_index, i) for each window.
#pragma once

#include "planner/logical_operator.h"

namespace tributary {

class LogicalWindow : public LogicalOperator {
 public:
  LogicalWindow(idx_t window_index, std::vector<ExpressionPtr> windows)
      : LogicalOperator(LogicalOperatorType::kWindow), window_index(window_index) {
    expressions = std::move(windows);
  }

  idx_t window_index;

  std::vector<ColumnBinding> GetColumnBindings() override {
    auto result = children[0]->GetColumnBindings();
    for (idx_t i = 0; i < expressions.size(); i++)
      result.emplace_back(window_index, i);
    return result;
  }
  std::string GetName() const override { return "WINDOW"; }

 protected:
  void ResolveTypes() override {
    types = children[0]->types;
    for (auto& e : expressions)
      types.push_back(e->return_type);
  }
};

}  // namespace tributary
