// TableCatalogEntry: a stored table's definition and its data.
// Immutable once in the catalog: a change (ALTER TABLE, ANALYZE) installs a
// modified copy with Catalog::ReplaceEntry (the copy shares `storage` unless
// the columns changed), so a running query keeps the definition it bound.
#pragma once

#include <memory>
#include <vector>

#include "catalog/catalog_entry.h"
#include "catalog/column_definition.h"
#include "catalog/table_attributes.h"
#include "catalog/table_constraint.h"
#include "catalog/table_statistics.h"
#include "storage/data_table.h"

namespace tributary {

class TableCatalogEntry : public CatalogEntry {
 public:
  TableCatalogEntry(std::string schema, std::string name, std::vector<ColumnDefinition> columns);

  std::string schema_name;
  std::vector<ColumnDefinition> columns;
  std::shared_ptr<DataTable> storage;
  // DISTSTYLE / DISTKEY / SORTKEY as declared.
  TableAttributes attributes;
  // PRIMARY KEY / UNIQUE / FOREIGN KEY, informational (see TableConstraint).
  std::vector<TableConstraint> constraints;
  // Set by ANALYZE; null before the first one.
  std::shared_ptr<const TableStatistics> statistics;

  std::vector<LogicalType> Types() const;
  // Index of the column named `name`, or kInvalidIndex.
  idx_t ColumnIndex(const std::string& name) const;
  // The indexes of an INSERT or COPY column list (all columns in order when
  // `names` is empty). Throws 42703 for an unknown column and 42701 for one
  // named twice, as PostgreSQL.
  std::vector<idx_t> TargetColumns(const std::vector<std::string>& names) const;
};

}  // namespace tributary
