// Keeps rows where every expression (an AND of conjuncts) is TRUE.
#pragma once

#include "planner/logical_operator.h"

namespace tributary {

class LogicalFilter : public LogicalOperator {
 public:
  LogicalFilter() : LogicalOperator(LogicalOperatorType::kFilter) {}
  explicit LogicalFilter(ExpressionPtr condition) : LogicalFilter() {
    expressions.push_back(std::move(condition));
  }

  std::vector<ColumnBinding> GetColumnBindings() override {
    return children[0]->GetColumnBindings();
  }
  std::string GetName() const override { return "FILTER"; }

 protected:
  void ResolveTypes() override { types = children[0]->types; }
};

}  // namespace tributary
