// MaterializedViewCatalogEntry: CREATE MATERIALIZED VIEW. A stored table
// (its rows are the query's result when it was created or last refreshed)
// that also keeps its query, so REFRESH MATERIALIZED VIEW can recompute it
// in full. Writes other than REFRESH are refused, as in PostgreSQL.
// Like a normal view it records the local relations it reads
// (`dependencies`); it may read external tables (Redshift).
#pragma once

#include "catalog/table_catalog_entry.h"
#include "catalog/view_catalog_entry.h"

namespace tributary {

class MaterializedViewCatalogEntry : public TableCatalogEntry {
 public:
  MaterializedViewCatalogEntry(std::string schema, std::string name,
                               std::vector<ColumnDefinition> columns)
      : TableCatalogEntry(std::move(schema), std::move(name), std::move(columns)) {
    type = CatalogType::kMaterializedView;
  }

  // The query as written.
  std::string sql;
  // CREATE MATERIALIZED VIEW mv (a, b): names for the first columns.
  std::vector<std::string> column_aliases;
  bool case_sensitive_identifiers = false;
  std::vector<CatalogDependency> dependencies;
};

}  // namespace tributary
