// Removes duplicate rows (all columns; NULLs equal).
#pragma once

#include "planner/logical_operator.h"

namespace tributary {

class LogicalDistinct : public LogicalOperator {
 public:
  LogicalDistinct() : LogicalOperator(LogicalOperatorType::kDistinct) {}

  std::vector<ColumnBinding> GetColumnBindings() override {
    return children[0]->GetColumnBindings();
  }
  std::string GetName() const override { return "DISTINCT"; }

 protected:
  void ResolveTypes() override { types = children[0]->types; }
};

}  // namespace tributary
