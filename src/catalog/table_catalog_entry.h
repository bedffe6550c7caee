// TableCatalogEntry: a stored table's definition and its data.
#pragma once

#include <memory>
#include <vector>

#include "catalog/catalog_entry.h"
#include "catalog/column_definition.h"
#include "storage/data_table.h"

namespace tributary {

class TableCatalogEntry : public CatalogEntry {
 public:
  TableCatalogEntry(std::string schema, std::string name, std::vector<ColumnDefinition> columns);

  std::string schema_name;
  std::vector<ColumnDefinition> columns;
  std::shared_ptr<DataTable> storage;

  std::vector<LogicalType> Types() const;
  // Index of the column named `name`, or kInvalidIndex.
  idx_t ColumnIndex(const std::string& name) const;
};

}  // namespace tributary
