// Transformer: column definitions, CREATE TABLE LIKE, materialized views,
// ALTER TABLE / ALTER ... RENAME and ANALYZE.
#include "common/exception.h"
#include "parser/transformer.h"

namespace tributary {

namespace {

// PostgreSQL's CREATE_TABLE_LIKE_DEFAULTS bit of TableLikeClause.options.
constexpr uint32_t kLikeDefaults = 1u << 3;

std::string Schema(const Transformer& t, const PgQuery__RangeVar* r) {
  return r->schemaname && *r->schemaname ? t.Identifier(r->schemaname) : "";
}

}  // namespace

ColumnDefinitionNode Transformer::TransformColumnDef(const PgQuery__ColumnDef* def) {
  ColumnDefinitionNode column;
  column.name = Identifier(def->colname);
  column.type = TransformTypeName(def->type_name, &column.unconstrained_numeric);
  column.not_null = def->is_not_null;
  for (size_t c = 0; c < def->n_constraints; c++) {
    auto* con = def->constraints[c]->constraint;
    switch (con->contype) {
      case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
        column.not_null = true;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_NULL:
        column.not_null = false;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
        column.default_value = TransformExpression(con->raw_expr);
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
        column.primary_key = true;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
        column.unique = true;
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
        break;  // informational, as in Redshift
      case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
        ThrowNotSupported("CHECK constraints", con->location);
      default:
        ThrowNotSupported("this column constraint", con->location);
    }
  }
  return column;
}

TableLikeNode Transformer::TransformTableLike(const PgQuery__TableLikeClause* like) {
  TableLikeNode result;
  result.schema = Schema(*this, like->relation);
  result.table = Identifier(like->relation->relname);
  result.location = like->relation->location >= 0 ? like->relation->location + 1 : 0;
  result.including_defaults = (like->options & kLikeDefaults) != 0;
  return result;
}

std::unique_ptr<SQLStatement> Transformer::TransformCreateMaterializedView(
    const PgQuery__CreateTableAsStmt* stmt) {
  auto result = std::make_unique<CreateViewStatement>();
  result->materialized = true;
  auto* rel = stmt->into->rel;
  result->schema = Schema(*this, rel);
  result->view = Identifier(rel->relname);
  result->if_not_exists = stmt->if_not_exists;
  if (stmt->into->skip_data)
    ThrowNotSupported("WITH NO DATA");
  for (size_t i = 0; i < stmt->into->n_col_names; i++)
    result->column_aliases.push_back(Identifier(StringValue(stmt->into->col_names[i]).c_str()));
  result->query = TransformSelect(stmt->query);
  return result;
}

std::unique_ptr<SQLStatement> Transformer::TransformRefresh(
    const PgQuery__RefreshMatViewStmt* stmt) {
  if (stmt->concurrent)
    ThrowNotSupported("REFRESH MATERIALIZED VIEW CONCURRENTLY");
  if (stmt->skip_data)
    ThrowNotSupported("REFRESH MATERIALIZED VIEW ... WITH NO DATA");
  auto result = std::make_unique<RefreshMaterializedViewStatement>();
  result->schema = Schema(*this, stmt->relation);
  result->name = Identifier(stmt->relation->relname);
  return result;
}

std::unique_ptr<SQLStatement> Transformer::TransformAlterTable(
    const PgQuery__AlterTableStmt* stmt) {
  if (stmt->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE)
    ThrowNotSupported("ALTER of this object type");
  auto result = std::make_unique<AlterTableStatement>();
  result->schema = Schema(*this, stmt->relation);
  result->table = Identifier(stmt->relation->relname);
  result->if_exists = stmt->missing_ok;
  for (size_t i = 0; i < stmt->n_cmds; i++) {
    auto* cmd = stmt->cmds[i]->alter_table_cmd;
    AlterTableStatement::Command command;
    switch (cmd->subtype) {
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
        command.action = AlterTableStatement::Action::kAddColumn;
        command.column = TransformColumnDef(cmd->def->column_def);
        command.if_exists = cmd->missing_ok;
        if (command.column.primary_key || command.column.unique)
          ThrowNotSupported("ADD COLUMN with PRIMARY KEY or UNIQUE");
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
        command.action = AlterTableStatement::Action::kDropColumn;
        command.name = Identifier(cmd->name);
        command.if_exists = cmd->missing_ok;
        command.cascade = cmd->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
        break;
      default:
        ThrowNotSupported("this form of ALTER TABLE");
    }
    result->commands.push_back(std::move(command));
  }
  return result;
}

std::unique_ptr<SQLStatement> Transformer::TransformRename(const PgQuery__RenameStmt* stmt) {
  auto result = std::make_unique<AlterTableStatement>();
  AlterTableStatement::Command command;
  command.new_name = Identifier(stmt->newname);
  auto object_type = [](PgQuery__ObjectType type) {
    switch (type) {
      case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
        return AlterTableStatement::ObjectType::kTable;
      case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
        return AlterTableStatement::ObjectType::kView;
      case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
        return AlterTableStatement::ObjectType::kMaterializedView;
      default:
        ThrowNotSupported("ALTER ... RENAME of this object type");
    }
  };
  if (stmt->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN) {
    command.action = AlterTableStatement::Action::kRenameColumn;
    command.name = Identifier(stmt->subname);
    result->object_type = object_type(stmt->relation_type);
    if (result->object_type != AlterTableStatement::ObjectType::kTable)
      ThrowNotSupported("renaming columns of views");
  } else {
    command.action = AlterTableStatement::Action::kRenameTable;
    result->object_type = object_type(stmt->rename_type);
  }
  if (!stmt->relation)
    ThrowNotSupported("ALTER ... RENAME of this object");
  result->schema = Schema(*this, stmt->relation);
  result->table = Identifier(stmt->relation->relname);
  result->if_exists = stmt->missing_ok;
  result->commands.push_back(std::move(command));
  return result;
}

std::unique_ptr<SQLStatement> Transformer::TransformAnalyze(const PgQuery__VacuumStmt* stmt) {
  auto result = std::make_unique<AnalyzeStatement>();
  for (size_t i = 0; i < stmt->n_options; i++) {
    auto* option = stmt->options[i]->def_elem;
    std::string name = option->defname ? option->defname : "";
    if (name != "verbose")
      ThrowNotSupported("ANALYZE option " + name);
  }
  for (size_t i = 0; i < stmt->n_rels; i++) {
    auto* rel = stmt->rels[i]->vacuum_relation;
    if (rel->n_va_cols)
      ThrowNotSupported("ANALYZE of a column list");
    result->tables.emplace_back(Schema(*this, rel->relation), Identifier(rel->relation->relname));
  }
  return result;
}

}  // namespace tributary
