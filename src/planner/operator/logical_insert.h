// INSERT: children[0] yields one column per table column, in table order,
// already cast to the column types. Outputs the inserted row count.
#pragma once

#include "catalog/table_catalog_entry.h"
#include "planner/logical_operator.h"

namespace tributary {

class LogicalInsert : public LogicalOperator {
 public:
  LogicalInsert(idx_t table_index, std::shared_ptr<TableCatalogEntry> table)
      : LogicalOperator(LogicalOperatorType::kInsert),
        table_index(table_index),
        table(std::move(table)) {}

  idx_t table_index;
  std::shared_ptr<TableCatalogEntry> table;

  std::vector<ColumnBinding> GetColumnBindings() override {
    return {ColumnBinding(table_index, 0)};
  }
  std::string GetName() const override { return "INSERT"; }
  std::string ParamsToString() const override { return table->schema_name + "." + table->name; }

 protected:
  void ResolveTypes() override { types = {LogicalTypeId::kBigInt}; }
};

}  // namespace tributary
