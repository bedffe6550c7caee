// AlterTableRunner: ALTER TABLE ... RENAME TO / RENAME COLUMN / ADD COLUMN /
// DROP COLUMN, and ALTER VIEW / MATERIALIZED VIEW ... RENAME TO.
//
// Each change installs a modified copy of the catalog entry
// (Catalog::ReplaceEntry). Renames share the table's storage. ADD and DROP
// COLUMN build a new DataTable with the new column set by scanning the old
// table's snapshot and appending the rebuilt chunks at once (AppendAll); a
// write that commits to the old table while this runs is lost (there are no
// transactions yet). Tables of external schemas are read-only (25006).
//
// Normal views bind their query by name when used, so renaming a table or
// column a normal view reads, or dropping a column of such a table, is
// refused while the view exists (DROP COLUMN ... CASCADE drops the views);
// late-binding views are not checked.
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
  void RenameColumn(const TableCatalogEntry& table, const AlterTableStatement::Command& command);
  void AddColumn(const TableCatalogEntry& table, const AlterTableStatement::Command& command,
                 QueryResult& result);
  void DropColumn(const TableCatalogEntry& table, const AlterTableStatement::Command& command,
                  QueryResult& result);
  // Throws when a normal view reads `table` (what `action` would break).
  void RefuseBoundDependents(const TableCatalogEntry& table, const std::string& action);

  ClientContext& context_;
};

}  // namespace tributary
