// One row with no columns: the FROM of `SELECT 1`.
#pragma once

#include "planner/logical_operator.h"

namespace tributary {

class LogicalDummyScan : public LogicalOperator {
 public:
  explicit LogicalDummyScan(idx_t table_index)
      : LogicalOperator(LogicalOperatorType::kDummyScan), table_index(table_index) {
    estimated_cardinality = 1;
  }
  idx_t table_index;
  std::vector<ColumnBinding> GetColumnBindings() override { return {}; }
  std::string GetName() const override { return "DUMMY_SCAN"; }

 protected:
  void ResolveTypes() override {}
};

}  // namespace tributary
