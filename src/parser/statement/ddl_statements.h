// Statements of the DDL layer beyond CREATE/DROP: REFRESH MATERIALIZED
// VIEW, ALTER TABLE and ANALYZE (CREATE VIEW and CREATE TABLE live in
// sql_statement.h).
#pragma once

#include <string>
#include <vector>

#include "parser/statement/sql_statement.h"

namespace tributary {

class RefreshMaterializedViewStatement : public SQLStatement {
 public:
  RefreshMaterializedViewStatement() : SQLStatement(StatementType::kRefreshMaterializedView) {}
  std::string schema, name;
};

// ALTER TABLE t RENAME TO n | RENAME [COLUMN] a TO b | ADD [COLUMN] c type
// [DEFAULT x] [NOT NULL] | DROP [COLUMN] [IF EXISTS] c [CASCADE], and ALTER
// VIEW / MATERIALIZED VIEW ... RENAME TO.
class AlterTableStatement : public SQLStatement {
 public:
  enum class Action { kRenameTable, kRenameColumn, kAddColumn, kDropColumn };
  enum class ObjectType { kTable, kView, kMaterializedView };
  struct Command {
    Action action = Action::kRenameTable;
    std::string name;             // the column renamed or dropped
    std::string new_name;         // RENAME ... TO
    ColumnDefinitionNode column;  // ADD COLUMN
    bool if_exists = false;       // DROP COLUMN IF EXISTS / ADD COLUMN IF NOT EXISTS
    bool cascade = false;
  };
  AlterTableStatement() : SQLStatement(StatementType::kAlterTable) {}
  ObjectType object_type = ObjectType::kTable;
  std::string schema, table;
  bool if_exists = false;  // ALTER TABLE IF EXISTS
  std::vector<Command> commands;
};

// ANALYZE [table [, ...]]: every table of the database when none is named.
class AnalyzeStatement : public SQLStatement {
 public:
  AnalyzeStatement() : SQLStatement(StatementType::kAnalyze) {}
  std::vector<std::pair<std::string, std::string>> tables;  // (schema, name)
};

}  // namespace tributary
