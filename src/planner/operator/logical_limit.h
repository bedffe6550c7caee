// LIMIT/OFFSET with constant values (limit kInvalidIndex = none).
#pragma once

#include "planner/logical_operator.h"

namespace tributary {

class LogicalLimit : public LogicalOperator {
 public:
  LogicalLimit(idx_t limit, idx_t offset)
      : LogicalOperator(LogicalOperatorType::kLimit), limit(limit), offset(offset) {}

  idx_t limit;
  idx_t offset;

  std::vector<ColumnBinding> GetColumnBindings() override {
    return children[0]->GetColumnBindings();
  }
  std::string GetName() const override { return "LIMIT"; }
  std::string ParamsToString() const override {
    return (limit == kInvalidIndex ? std::string("ALL") : std::to_string(limit)) + " OFFSET " +
           std::to_string(offset);
  }

 protected:
  void ResolveTypes() override { types = children[0]->types; }
};

}  // namespace tributary
