// ViewCatalogEntry: a view (CREATE VIEW). It keeps the SELECT as written,
// not a bound plan: the binder re-parses and binds `sql` each time a query
// names the view, so persisting a view is persisting these few fields.
//
// A normal view is checked when it is created: its query must bind, its
// column names and types are fixed then, and the relations it reads are
// recorded in `dependencies` (DROP of one of them needs CASCADE, 2BP01). A
// late-binding view (Redshift's WITH NO SCHEMA BINDING) is only parsed at
// CREATE: every relation must be schema-qualified, nothing is checked or
// recorded, and its columns are whatever the query yields when it is used.
// External tables can only be read through late-binding views (Redshift).
//
// Entries are immutable once in the catalog: CREATE OR REPLACE installs a
// new entry.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog_entry.h"
#include "types/logical_type.h"

namespace tributary {

// A relation a view or materialized view reads (schema and name as bound).
struct CatalogDependency {
  std::string schema;
  std::string name;
  bool operator==(const CatalogDependency& other) const {
    return schema == other.schema && name == other.name;
  }
};

class ViewCatalogEntry : public CatalogEntry {
 public:
  ViewCatalogEntry(std::string schema, std::string name)
      : CatalogEntry(CatalogType::kView, std::move(name)), schema_name(std::move(schema)) {}

  std::string schema_name;
  // The view's query as written (a SELECT, VALUES or set operation).
  std::string sql;
  // CREATE VIEW v (a, b): names for the first columns of the query.
  std::vector<std::string> column_aliases;
  // Normal views: the columns' names and types when the view was created.
  // Empty for late-binding views.
  std::vector<std::string> column_names;
  std::vector<LogicalType> column_types;
  bool no_schema_binding = false;
  // enable_case_sensitive_identifier when the view was created (the text
  // is re-parsed with the same folding).
  bool case_sensitive_identifiers = false;
  // Normal views: the tables, views and materialized views the query reads.
  std::vector<CatalogDependency> dependencies;
};

}  // namespace tributary
