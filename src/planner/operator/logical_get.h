// Scan of a stored table. Bindings are (table_index, table column index) so
// column pruning only edits column_ids; kRowIdColumn produces the rows' ids
// (DELETE, UPDATE).
#pragma once

#include "catalog/table_catalog_entry.h"
#include "planner/logical_operator.h"
#include "storage/zone_map_filter.h"

namespace tributary {

class LogicalGet : public LogicalOperator {
 public:
  LogicalGet(idx_t table_index, std::shared_ptr<TableCatalogEntry> table)
      : LogicalOperator(LogicalOperatorType::kGet),
        table_index(table_index),
        table(std::move(table)) {
    for (idx_t i = 0; i < this->table->columns.size(); i++)
      column_ids.push_back(i);
  }

  idx_t table_index;
  std::shared_ptr<TableCatalogEntry> table;
  // Table columns the scan produces, in output order.
  std::vector<idx_t> column_ids;
  // Row groups these rule out are skipped (the filter above stays).
  std::vector<ZoneMapFilter> zone_filters;

  std::vector<ColumnBinding> GetColumnBindings() override {
    std::vector<ColumnBinding> result;
    for (idx_t id : column_ids)
      result.emplace_back(table_index, id);
    return result;
  }
  std::string GetName() const override { return "GET"; }
  std::string ParamsToString() const override {
    std::string s = table->schema_name + "." + table->name + " (";
    for (idx_t i = 0; i < column_ids.size(); i++) {
      if (i > 0)
        s += ", ";
      s += column_ids[i] == kRowIdColumn ? "ctid" : table->columns[column_ids[i]].name;
    }
    return s + ")";
  }

 protected:
  void ResolveTypes() override {
    for (idx_t id : column_ids) {
      types.push_back(id == kRowIdColumn ? LogicalType(LogicalTypeId::kBigInt)
                                         : table->columns[id].type);
    }
  }
};

}  // namespace tributary
