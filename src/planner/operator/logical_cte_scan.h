// Reads the rows of a materialized CTE (see logical_materialized_cte.h).
// Outputs (table_index, i) for each of the CTE's columns.
#pragma once

#include <memory>

#include "planner/operator/logical_materialized_cte.h"

namespace tributary {

class LogicalCteScan : public LogicalOperator {
 public:
  LogicalCteScan(std::shared_ptr<CteInfo> info, idx_t table_index,
                 std::vector<LogicalType> column_types)
      : LogicalOperator(LogicalOperatorType::kCteScan),
        info(std::move(info)),
        table_index(table_index),
        column_types(std::move(column_types)) {}

  std::shared_ptr<CteInfo> info;
  idx_t table_index;
  std::vector<LogicalType> column_types;

  std::vector<ColumnBinding> GetColumnBindings() override {
    return GenerateColumnBindings(table_index, column_types.size());
  }
  std::string GetName() const override { return "CTE_SCAN"; }
  std::string ParamsToString() const override { return info->name; }

 protected:
  void ResolveTypes() override { types = column_types; }
};

}  // namespace tributary
