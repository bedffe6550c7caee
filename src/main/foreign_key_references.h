// ForeignKeyReferences: keeps other tables' declared FOREIGN KEY constraints
// (informational, catalog/table_constraint.h) consistent with the table they
// reference, as PostgreSQL's dependencies do: DROP TABLE of a referenced
// table needs CASCADE (2BP01), which drops the referencing constraints;
// RENAME of the table or of a referenced column is followed by them.
// Changes install modified copies of the referencing tables and are
// recorded in the statement's transaction.
#pragma once

#include <string>
#include <vector>

namespace tributary {

class ClientContext;

class ForeignKeyReferences {
 public:
  // Before DROP TABLE schema.table: without `cascade`, 2BP01 when a table
  // not in `dropped_together` (schema, name pairs) references it; with it,
  // those constraints are dropped and a notice added for each.
  static void OnDropTable(ClientContext& context, const std::string& schema,
                          const std::string& table, bool cascade,
                          const std::vector<std::pair<std::string, std::string>>& dropped_together,
                          std::vector<std::string>& notices);
  // Before ALTER TABLE schema.table DROP COLUMN column: as OnDropTable for
  // the constraints of other tables that reference the column.
  static void OnDropColumn(ClientContext& context, const std::string& schema,
                           const std::string& table, const std::string& column, bool cascade,
                           std::vector<std::string>& notices);
  // After ALTER TABLE schema.table RENAME TO new_table.
  static void OnRenameTable(ClientContext& context, const std::string& schema,
                            const std::string& table, const std::string& new_table);
  // After ALTER TABLE schema.table RENAME COLUMN column TO new_column.
  static void OnRenameColumn(ClientContext& context, const std::string& schema,
                             const std::string& table, const std::string& column,
                             const std::string& new_column);
};

}  // namespace tributary
