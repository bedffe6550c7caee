// CREATE TABLE ... AS SELECT: creates `table` (not yet in the catalog) when
// the query has run, filled with its rows. Outputs the row count.
#pragma once

#include "catalog/table_catalog_entry.h"
#include "planner/logical_operator.h"

namespace tributary {

class LogicalCreateTableAs : public LogicalOperator {
 public:
  LogicalCreateTableAs(idx_t table_index, std::shared_ptr<TableCatalogEntry> table,
                       bool if_not_exists)
      : LogicalOperator(LogicalOperatorType::kCreateTableAs),
        table_index(table_index),
        table(std::move(table)),
        if_not_exists(if_not_exists) {}

  idx_t table_index;
  std::shared_ptr<TableCatalogEntry> table;
  bool if_not_exists;

  std::vector<ColumnBinding> GetColumnBindings() override {
    return {ColumnBinding(table_index, 0)};
  }
  std::string GetName() const override { return "CREATE_TABLE_AS"; }
  std::string ParamsToString() const override { return table->schema_name + "." + table->name; }

 protected:
  void ResolveTypes() override { types = {LogicalTypeId::kBigInt}; }
};

}  // namespace tributary
