// SQLStatement: one parsed statement and its own text.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "catalog/table_attributes.h"
#include "catalog/table_constraint.h"
#include "parser/parsed_expression.h"
#include "parser/query_node/query_node.h"

namespace tributary {

enum class StatementType {
  kSelect,
  kInsert,
  kUpdate,
  kDelete,
  kCreateTable,
  kCreateSchema,
  kCreateView,
  kDrop,
  kExplain,
  kSet,
  kShow,
  kTransaction,
  kCreateExternalSchema,
  kAlterSchema,
  kTruncate,
  kVacuum,
  kRefreshMaterializedView,
  kAlterTable,
  kAnalyze,
  kRole,        // CREATE/ALTER/DROP USER and GROUP (statement/role_statement.h)
  kGrant,       // GRANT / REVOKE (statement/grant_statement.h)
  kAlterOwner,  // ALTER TABLE | VIEW ... OWNER TO (statement/alter_owner_statement.h)
  kCopy,        // COPY ... FROM/TO and UNLOAD (parser/statement/copy_statement.h)
};

class SQLStatement {
 public:
  explicit SQLStatement(StatementType type) : type(type) {}
  virtual ~SQLStatement() = default;
  StatementType type;
  std::string query_text;
  int location = 0;
};

class SelectStatement : public SQLStatement {
 public:
  SelectStatement() : SQLStatement(StatementType::kSelect) {}
  std::unique_ptr<QueryNode> node;
  std::string ToString() const { return node->ToString(); }
};

class InsertStatement : public SQLStatement {
 public:
  InsertStatement() : SQLStatement(StatementType::kInsert) {}
  std::string schema, table;
  std::vector<std::string> columns;
  std::unique_ptr<SelectStatement> select;
  bool default_values = false;
};

class UpdateStatement : public SQLStatement {
 public:
  UpdateStatement() : SQLStatement(StatementType::kUpdate) {}
  std::string schema, table, alias;
  std::vector<std::pair<std::string, ParsedExpressionPtr>> set;
  std::unique_ptr<TableRef> from;
  ParsedExpressionPtr where;
};

class DeleteStatement : public SQLStatement {
 public:
  DeleteStatement() : SQLStatement(StatementType::kDelete) {}
  std::string schema, table, alias;
  std::unique_ptr<TableRef> using_clause;
  ParsedExpressionPtr where;
};

class TruncateStatement : public SQLStatement {
 public:
  TruncateStatement() : SQLStatement(StatementType::kTruncate) {}
  std::vector<std::pair<std::string, std::string>> tables;  // (schema, table)
};

// VACUUM [FULL] [table, ...]: no tables = every stored table.
class VacuumStatement : public SQLStatement {
 public:
  VacuumStatement() : SQLStatement(StatementType::kVacuum) {}
  std::vector<std::pair<std::string, std::string>> tables;  // (schema, table)
};

class CreateSchemaStatement : public SQLStatement {
 public:
  CreateSchemaStatement() : SQLStatement(StatementType::kCreateSchema) {}
  std::string name;
  bool if_not_exists = false;
  std::string authorization;
};

struct ColumnDefinitionNode {
  std::string name;
  LogicalType type;
  bool unconstrained_numeric = false;
  bool not_null = false;
  bool primary_key = false;
  bool unique = false;
  ParsedExpressionPtr default_value;
  std::string encoding;  // Redshift's ENCODE
};

// CREATE TABLE t (LIKE other [INCLUDING | EXCLUDING DEFAULTS]): the other
// table's columns go before columns[position].
struct TableLikeNode {
  std::string schema, table;
  bool including_defaults = false;
  size_t position = 0;
  int location = 0;
};

class CreateTableStatement : public SQLStatement {
 public:
  CreateTableStatement() : SQLStatement(StatementType::kCreateTable) {}
  std::string schema, table;
  std::vector<ColumnDefinitionNode> columns;
  bool if_not_exists = false;
  bool temporary = false;
  std::unique_ptr<SelectStatement> as_select;
  std::vector<std::string> primary_key;
  std::vector<std::vector<std::string>> unique_keys;
  // Every PRIMARY KEY / UNIQUE / FOREIGN KEY as written (column ones
  // included), in order; names empty when not given, a foreign key's
  // referenced schema empty when not written.
  std::vector<TableConstraint> constraints;
  std::vector<TableLikeNode> likes;
  // Redshift's DISTSTYLE / DISTKEY / SORTKEY (RedshiftParser).
  TableAttributes attributes;
};

class CreateViewStatement : public SQLStatement {
 public:
  CreateViewStatement() : SQLStatement(StatementType::kCreateView) {}
  std::string schema, view;
  std::vector<std::string> column_aliases;
  std::unique_ptr<SelectStatement> query;
  bool or_replace = false;
  bool materialized = false;
  bool if_not_exists = false;  // materialized views
  // Redshift's late-binding view: WITH NO SCHEMA BINDING.
  bool no_schema_binding = false;
  // The query's text as written (what the view stores).
  std::string query_sql;
  // Materialized views: Redshift's table attributes.
  TableAttributes attributes;
};

class DropStatement : public SQLStatement {
 public:
  enum class ObjectType { kTable, kSchema, kView, kMaterializedView };
  DropStatement() : SQLStatement(StatementType::kDrop) {}
  ObjectType object_type = ObjectType::kTable;
  std::vector<std::vector<std::string>> names;
  bool if_exists = false;
  bool cascade = false;
};

class ExplainStatement : public SQLStatement {
 public:
  ExplainStatement() : SQLStatement(StatementType::kExplain) {}
  std::unique_ptr<SQLStatement> statement;
  bool analyze = false;
  bool verbose = false;
};

class SetStatement : public SQLStatement {
 public:
  enum class Kind { kSet, kReset, kResetAll };
  SetStatement() : SQLStatement(StatementType::kSet) {}
  Kind kind = Kind::kSet;
  std::string name;
  std::string value;
  bool is_local = false;
};

// ALTER SCHEMA name RENAME TO new_name | OWNER TO new_owner.
class AlterSchemaStatement : public SQLStatement {
 public:
  AlterSchemaStatement() : SQLStatement(StatementType::kAlterSchema) {}
  std::string name;
  std::string new_name;   // RENAME TO
  std::string new_owner;  // OWNER TO
};

class ShowStatement : public SQLStatement {
 public:
  ShowStatement() : SQLStatement(StatementType::kShow) {}
  std::string name;
};

class TransactionStatement : public SQLStatement {
 public:
  enum class Kind { kBegin, kCommit, kRollback };
  TransactionStatement() : SQLStatement(StatementType::kTransaction) {}
  Kind kind = Kind::kBegin;
};

}  // namespace tributary
