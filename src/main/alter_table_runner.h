// AlterTableRunner: ALTER TABLE ... RENAME TO / RENAME COLUMN / ADD COLUMN /
// DROP COLUMN, and ALTER VIEW / MATERIALIZED VIEW ... RENAME TO.
//
// Each change installs a modified copy of the catalog entry
// (Catalog::ReplaceEntry). Renames share the table's storage. ADD and DROP
// COLUMN build a new DataTable with the new column set from the rows the
// transaction sees (Transaction::Append), and the change is recorded in the
// transaction (rolled back or committed with it; a concurrent write to the
// old table then fails with 40001). Tables of external schemas are read-only (25006).
//
// Normal views bind their query by name when used. Renaming a table a
// normal view reads is refused while the view exists; renaming or dropping
// a column is refused (2BP01) when a normal view that reads the table no
// longer binds with the same columns afterwards (DROP COLUMN ... CASCADE
// drops such views instead). PostgreSQL's views follow renames; ours do
// not. Late-binding views are not checked.
#pragma once

#include <memory>

#include "main/query_result.h"
#include "parser/ast.h"

namespace tributary {

class ClientContext;
class TableCatalogEntry;

class AlterTableRunner {
 public:
  explicit AlterTableRunner(ClientContext& context) : context_(context) {}

  std::unique_ptr<QueryResult> Run(AlterTableStatement& statement);

 private:
  void RenameRelation(AlterTableStatement& statement, const AlterTableStatement::Command& command,
                      QueryResult& result);
  void RenameColumn(const TableCatalogEntry& table, const AlterTableStatement::Command& command,
                    QueryResult& result);
  void AddColumn(const TableCatalogEntry& table, const AlterTableStatement::Command& command,
                 QueryResult& result);
  void DropColumn(const TableCatalogEntry& table, const AlterTableStatement::Command& command,
                  QueryResult& result);
  // Installs `copy` in place of `table`, then checks that every normal view
  // reading the table still binds to the columns it had. Views that do not
  // are dropped when `cascade`; otherwise `table` is put back and 2BP01
  // names the first such view (`what`: "drop column c of table t").
  void InstallChecked(const TableCatalogEntry& table, std::shared_ptr<TableCatalogEntry> copy,
                      bool cascade, const std::string& what, const std::string& column,
                      QueryResult& result);

  ClientContext& context_;
};

}  // namespace tributary
