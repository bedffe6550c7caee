// Transformer: statements.
#include "common/exception.h"
#include "parser/transformer.h"

namespace tributary {

namespace {

int Loc(int32_t location) {
  return location >= 0 ? location + 1 : 0;
}

// A human name for an unsupported statement node, e.g. "CREATE FUNCTION".
std::string StatementName(const PgQuery__Node* node) {
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
      return "CREATE FUNCTION";
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
      return "ALTER TABLE";
    case PG_QUERY__NODE__NODE_INDEX_STMT:
      return "CREATE INDEX";
    case PG_QUERY__NODE__NODE_GRANT_STMT:
      return "GRANT/REVOKE";
    case PG_QUERY__NODE__NODE_COPY_STMT:
      return "COPY";
    case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
      return "TRUNCATE";
    case PG_QUERY__NODE__NODE_VACUUM_STMT:
      return "VACUUM/ANALYZE";
    case PG_QUERY__NODE__NODE_CREATE_ROLE_STMT:
      return "CREATE ROLE/USER";
    case PG_QUERY__NODE__NODE_MERGE_STMT:
      return "MERGE";
    case PG_QUERY__NODE__NODE_PREPARE_STMT:
      return "PREPARE";
    case PG_QUERY__NODE__NODE_EXECUTE_STMT:
      return "EXECUTE";
    case PG_QUERY__NODE__NODE_DEALLOCATE_STMT:
      return "DEALLOCATE";
    case PG_QUERY__NODE__NODE_RENAME_STMT:
      return "ALTER ... RENAME";
    case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
      return "CREATE SEQUENCE";
    case PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT:
      return "REFRESH MATERIALIZED VIEW";
    case PG_QUERY__NODE__NODE_DO_STMT:
      return "DO";
    case PG_QUERY__NODE__NODE_CREATEDB_STMT:
      return "CREATE DATABASE";
    default:
      return "this statement";
  }
}

std::string RangeVarSchema(const Transformer& t, const PgQuery__RangeVar* r) {
  return r->schemaname && *r->schemaname ? t.Identifier(r->schemaname) : "";
}

}  // namespace

std::unique_ptr<SQLStatement> Transformer::TransformStatement(const PgQuery__Node* node) {
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_SELECT_STMT:
      return TransformSelect(node);
    case PG_QUERY__NODE__NODE_INSERT_STMT:
      return TransformInsert(node->insert_stmt);
    case PG_QUERY__NODE__NODE_CREATE_STMT:
      return TransformCreateTable(node->create_stmt);
    case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
      return TransformCreateTableAs(node->create_table_as_stmt);
    case PG_QUERY__NODE__NODE_DROP_STMT:
      return TransformDrop(node->drop_stmt);
    case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT: {
      auto* s = node->create_schema_stmt;
      if (s->n_schema_elts)
        ThrowNotSupported("CREATE SCHEMA with schema elements");
      auto result = std::make_unique<CreateSchemaStatement>();
      if (!s->schemaname)
        ThrowNotSupported("CREATE SCHEMA AUTHORIZATION without a name");
      result->name = Identifier(s->schemaname);
      result->if_not_exists = s->if_not_exists;
      if (s->authrole && s->authrole->rolename)
        result->authorization = Identifier(s->authrole->rolename);
      return result;
    }
    case PG_QUERY__NODE__NODE_EXPLAIN_STMT:
      return TransformExplain(node->explain_stmt);
    case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
      return TransformSet(node->variable_set_stmt);
    case PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT:
      return TransformRefresh(node->refresh_mat_view_stmt);
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
      return TransformAlterTable(node->alter_table_stmt);
    case PG_QUERY__NODE__NODE_VACUUM_STMT: {
      if (!node->vacuum_stmt->is_vacuumcmd)
        return TransformAnalyze(node->vacuum_stmt);
      auto result = std::make_unique<VacuumStatement>();
      for (size_t i = 0; i < node->vacuum_stmt->n_rels; i++) {
        auto* r = node->vacuum_stmt->rels[i]->vacuum_relation->relation;
        result->tables.emplace_back(RangeVarSchema(*this, r), Identifier(r->relname));
      }
      return result;
    }
    case PG_QUERY__NODE__NODE_RENAME_STMT: {
      auto* rename = node->rename_stmt;
      if (rename->rename_type != PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA)
        return TransformRename(rename);
      // ALTER SCHEMA keeps the old name in subname.
      if (rename->rename_type != PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA || !rename->subname ||
          !*rename->subname) {
        ThrowNotSupported("ALTER ... RENAME");
      }
      auto result = std::make_unique<AlterSchemaStatement>();
      result->name = Identifier(rename->subname);
      result->new_name = Identifier(rename->newname);
      return result;
    }
    case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT: {
      auto* owner = node->alter_owner_stmt;
      if (owner->object_type != PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA || !owner->object ||
          owner->object->node_case != PG_QUERY__NODE__NODE_STRING || !owner->newowner ||
          !owner->newowner->rolename || !*owner->newowner->rolename) {
        ThrowNotSupported("ALTER ... OWNER TO");
      }
      auto result = std::make_unique<AlterSchemaStatement>();
      result->name = Identifier(owner->object->string->sval);
      result->new_owner = Identifier(owner->newowner->rolename);
      return result;
    }
    case PG_QUERY__NODE__NODE_VARIABLE_SHOW_STMT: {
      auto result = std::make_unique<ShowStatement>();
      result->name = Identifier(node->variable_show_stmt->name);
      return result;
    }
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT: {
      auto result = std::make_unique<TransactionStatement>();
      switch (node->transaction_stmt->kind) {
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START:
          result->kind = TransactionStatement::Kind::kBegin;
          break;
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
          result->kind = TransactionStatement::Kind::kCommit;
          break;
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
          result->kind = TransactionStatement::Kind::kRollback;
          break;
        default:
          ThrowNotSupported("savepoints and two-phase commit");
      }
      return result;
    }
    case PG_QUERY__NODE__NODE_VIEW_STMT:
      return TransformView(node->view_stmt);
    case PG_QUERY__NODE__NODE_UPDATE_STMT:
      return TransformUpdate(node->update_stmt);
    case PG_QUERY__NODE__NODE_DELETE_STMT:
      return TransformDelete(node->delete_stmt);
    case PG_QUERY__NODE__NODE_TRUNCATE_STMT: {
      auto result = std::make_unique<TruncateStatement>();
      for (size_t i = 0; i < node->truncate_stmt->n_relations; i++) {
        auto* r = node->truncate_stmt->relations[i]->range_var;
        result->tables.emplace_back(RangeVarSchema(*this, r), Identifier(r->relname));
      }
      return result;
    }
    default:
      ThrowNotSupported(StatementName(node));
  }
}

std::unique_ptr<SQLStatement> Transformer::TransformInsert(const PgQuery__InsertStmt* stmt) {
  if (stmt->on_conflict_clause)
    ThrowNotSupported("INSERT ... ON CONFLICT");
  if (stmt->n_returning_list)
    ThrowNotSupported("RETURNING");
  if (stmt->with_clause)
    ThrowNotSupported("WITH before INSERT");
  auto result = std::make_unique<InsertStatement>();
  result->schema = RangeVarSchema(*this, stmt->relation);
  result->table = Identifier(stmt->relation->relname);
  result->location = Loc(stmt->relation->location);
  for (size_t i = 0; i < stmt->n_cols; i++) {
    auto* target = stmt->cols[i]->res_target;
    if (target->n_indirection)
      ThrowNotSupported("subscripted INSERT target columns");
    result->columns.push_back(Identifier(target->name));
  }
  if (stmt->select_stmt) {
    result->select = TransformSelect(stmt->select_stmt);
  } else {
    result->default_values = true;
  }
  return result;
}

std::unique_ptr<SQLStatement> Transformer::TransformCreateTable(const PgQuery__CreateStmt* stmt) {
  if (stmt->n_inh_relations)
    ThrowNotSupported("INHERITS");
  if (stmt->partspec || stmt->partbound)
    ThrowNotSupported("partitioned tables");
  if (stmt->of_typename)
    ThrowNotSupported("CREATE TABLE OF type");
  auto result = std::make_unique<CreateTableStatement>();
  result->schema = RangeVarSchema(*this, stmt->relation);
  result->table = Identifier(stmt->relation->relname);
  result->if_not_exists = stmt->if_not_exists;
  result->temporary = stmt->relation->relpersistence && stmt->relation->relpersistence[0] == 't';
  auto names = [&](PgQuery__Node** nodes, size_t n) {
    std::vector<std::string> list;
    for (size_t k = 0; k < n; k++)
      list.push_back(Identifier(StringValue(nodes[k]).c_str()));
    return list;
  };
  // Informational, as in Redshift: recorded, never enforced.
  auto record = [&](const PgQuery__Constraint* c, ConstraintType type,
                    std::vector<std::string> columns) {
    TableConstraint constraint;
    constraint.type = type;
    constraint.name = c->conname && *c->conname ? Identifier(c->conname) : "";
    constraint.columns = std::move(columns);
    if (type == ConstraintType::kForeignKey) {
      constraint.referenced_schema = RangeVarSchema(*this, c->pktable);
      constraint.referenced_table = Identifier(c->pktable->relname);
      constraint.referenced_columns = names(c->pk_attrs, c->n_pk_attrs);
    }
    result->constraints.push_back(std::move(constraint));
  };
  auto table_constraint = [&](const PgQuery__Constraint* c) {
    std::vector<std::string> keys = names(c->keys, c->n_keys);
    switch (c->contype) {
      case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
        result->primary_key = keys;
        record(c, ConstraintType::kPrimaryKey, keys);
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
        result->unique_keys.push_back(keys);
        record(c, ConstraintType::kUnique, keys);
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
        record(c, ConstraintType::kForeignKey, names(c->fk_attrs, c->n_fk_attrs));
        break;
      case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
        ThrowNotSupported("CHECK constraints", c->location);
      default:
        ThrowNotSupported("this table constraint", c->location);
    }
  };
  for (size_t i = 0; i < stmt->n_table_elts; i++) {
    auto* elt = stmt->table_elts[i];
    if (elt->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
      table_constraint(elt->constraint);
      continue;
    }
    if (elt->node_case == PG_QUERY__NODE__NODE_TABLE_LIKE_CLAUSE) {
      result->likes.push_back(TransformTableLike(elt->table_like_clause));
      result->likes.back().position = result->columns.size();
      continue;
    }
    if (elt->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF)
      ThrowNotSupported("this CREATE TABLE element");
    result->columns.push_back(TransformColumnDef(elt->column_def));
    auto* def = elt->column_def;
    for (size_t c = 0; c < def->n_constraints; c++) {
      auto* con = def->constraints[c]->constraint;
      if (con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY)
        record(con, ConstraintType::kPrimaryKey, {result->columns.back().name});
      else if (con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE)
        record(con, ConstraintType::kUnique, {result->columns.back().name});
      else if (con->contype == PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN)
        record(con, ConstraintType::kForeignKey, {result->columns.back().name});
    }
  }
  for (size_t i = 0; i < stmt->n_constraints; i++) {
    table_constraint(stmt->constraints[i]->constraint);
  }
  return result;
}

std::unique_ptr<SQLStatement> Transformer::TransformCreateTableAs(
    const PgQuery__CreateTableAsStmt* stmt) {
  if (stmt->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW)
    return TransformCreateMaterializedView(stmt);
  if (stmt->is_select_into)
    ThrowNotSupported("SELECT INTO (use CREATE TABLE AS)");
  auto result = std::make_unique<CreateTableStatement>();
  auto* rel = stmt->into->rel;
  result->schema = RangeVarSchema(*this, rel);
  result->table = Identifier(rel->relname);
  result->if_not_exists = stmt->if_not_exists;
  result->temporary = rel->relpersistence && rel->relpersistence[0] == 't';
  for (size_t i = 0; i < stmt->into->n_col_names; i++) {
    ColumnDefinitionNode column;
    column.name = Identifier(StringValue(stmt->into->col_names[i]).c_str());
    result->columns.push_back(std::move(column));
  }
  if (stmt->into->skip_data)
    ThrowNotSupported("WITH NO DATA");
  result->as_select = TransformSelect(stmt->query);
  return result;
}

std::unique_ptr<SQLStatement> Transformer::TransformDrop(const PgQuery__DropStmt* stmt) {
  auto result = std::make_unique<DropStatement>();
  switch (stmt->remove_type) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
      result->object_type = DropStatement::ObjectType::kTable;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
      result->object_type = DropStatement::ObjectType::kSchema;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
      result->object_type = DropStatement::ObjectType::kView;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
      result->object_type = DropStatement::ObjectType::kMaterializedView;
      break;
    default:
      ThrowNotSupported("DROP of this object type");
  }
  result->if_exists = stmt->missing_ok;
  result->cascade = stmt->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  for (size_t i = 0; i < stmt->n_objects; i++) {
    auto* obj = stmt->objects[i];
    std::vector<std::string> name;
    if (obj->node_case == PG_QUERY__NODE__NODE_LIST) {
      for (size_t k = 0; k < obj->list->n_items; k++) {
        name.push_back(Identifier(StringValue(obj->list->items[k]).c_str()));
      }
    } else if (obj->node_case == PG_QUERY__NODE__NODE_STRING) {
      name.push_back(Identifier(obj->string->sval));
    } else {
      ThrowNotSupported("this DROP target");
    }
    result->names.push_back(std::move(name));
  }
  return result;
}

std::unique_ptr<SQLStatement> Transformer::TransformSet(const PgQuery__VariableSetStmt* stmt) {
  auto result = std::make_unique<SetStatement>();
  result->is_local = stmt->is_local;
  result->name = stmt->name ? Identifier(stmt->name) : "";
  switch (stmt->kind) {
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE: {
      result->kind = SetStatement::Kind::kSet;
      std::string value;
      for (size_t i = 0; i < stmt->n_args; i++) {
        auto* a = stmt->args[i];
        if (i)
          value += ", ";
        if (a->node_case == PG_QUERY__NODE__NODE_A_CONST) {
          auto* c = a->a_const;
          switch (c->val_case) {
            case PG_QUERY__A__CONST__VAL_IVAL:
              value += std::to_string(c->ival->ival);
              break;
            case PG_QUERY__A__CONST__VAL_FVAL:
              value += c->fval->fval;
              break;
            case PG_QUERY__A__CONST__VAL_SVAL:
              value += c->sval->sval;
              break;
            case PG_QUERY__A__CONST__VAL_BOOLVAL:
              value += c->boolval->boolval ? "true" : "false";
              break;
            default:
              ThrowNotSupported("this SET value");
          }
        } else if (a->node_case == PG_QUERY__NODE__NODE_TYPE_CAST) {
          ThrowNotSupported("typed SET values");
        } else {
          ThrowNotSupported("this SET value");
        }
      }
      result->value = value;
      break;
    }
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_DEFAULT:
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET:
      result->kind = SetStatement::Kind::kReset;
      break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL:
      result->kind = SetStatement::Kind::kResetAll;
      break;
    default:
      ThrowNotSupported("this form of SET");
  }
  return result;
}

std::unique_ptr<SQLStatement> Transformer::TransformExplain(const PgQuery__ExplainStmt* stmt) {
  auto result = std::make_unique<ExplainStatement>();
  for (size_t i = 0; i < stmt->n_options; i++) {
    auto* opt = stmt->options[i]->def_elem;
    std::string name = opt->defname ? opt->defname : "";
    bool on = true;
    if (opt->arg && opt->arg->node_case == PG_QUERY__NODE__NODE_STRING) {
      std::string v = opt->arg->string->sval;
      on = !(v == "false" || v == "off" || v == "0");
    } else if (opt->arg && opt->arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN) {
      on = opt->arg->boolean->boolval;
    }
    if (name == "analyze") {
      result->analyze = on;
    } else if (name == "verbose") {
      result->verbose = on;
    } else if (name != "costs" && name != "format") {
      ThrowNotSupported("EXPLAIN option " + name);
    }
  }
  result->statement = TransformStatement(stmt->query);
  return result;
}

std::unique_ptr<SQLStatement> Transformer::TransformView(const PgQuery__ViewStmt* stmt) {
  auto result = std::make_unique<CreateViewStatement>();
  result->schema = RangeVarSchema(*this, stmt->view);
  result->view = Identifier(stmt->view->relname);
  result->or_replace = stmt->replace;
  if (stmt->with_check_option > PG_QUERY__VIEW_CHECK_OPTION__NO_CHECK_OPTION)
    ThrowNotSupported("WITH CHECK OPTION");
  if (stmt->n_options)
    ThrowNotSupported("view options");
  if (stmt->view->relpersistence && stmt->view->relpersistence[0] == 't')
    ThrowNotSupported("temporary views");
  for (size_t i = 0; i < stmt->n_aliases; i++) {
    result->column_aliases.push_back(Identifier(StringValue(stmt->aliases[i]).c_str()));
  }
  result->query = TransformSelect(stmt->query);
  return result;
}

std::unique_ptr<SQLStatement> Transformer::TransformUpdate(const PgQuery__UpdateStmt* stmt) {
  if (stmt->n_returning_list)
    ThrowNotSupported("RETURNING");
  auto result = std::make_unique<UpdateStatement>();
  result->schema = RangeVarSchema(*this, stmt->relation);
  result->table = Identifier(stmt->relation->relname);
  if (stmt->relation->alias)
    result->alias = Identifier(stmt->relation->alias->aliasname);
  for (size_t i = 0; i < stmt->n_target_list; i++) {
    auto* t = stmt->target_list[i]->res_target;
    result->set.emplace_back(Identifier(t->name), TransformExpression(t->val));
  }
  for (size_t i = 0; i < stmt->n_from_clause; i++) {
    if (result->from)
      ThrowNotSupported("UPDATE ... FROM with several tables");
    result->from = TransformTableRef(stmt->from_clause[i]);
  }
  if (stmt->where_clause)
    result->where = TransformExpression(stmt->where_clause);
  return result;
}

std::unique_ptr<SQLStatement> Transformer::TransformDelete(const PgQuery__DeleteStmt* stmt) {
  if (stmt->n_returning_list)
    ThrowNotSupported("RETURNING");
  auto result = std::make_unique<DeleteStatement>();
  result->schema = RangeVarSchema(*this, stmt->relation);
  result->table = Identifier(stmt->relation->relname);
  if (stmt->relation->alias)
    result->alias = Identifier(stmt->relation->alias->aliasname);
  for (size_t i = 0; i < stmt->n_using_clause; i++) {
    if (result->using_clause)
      ThrowNotSupported("DELETE ... USING with several tables");
    result->using_clause = TransformTableRef(stmt->using_clause[i]);
  }
  if (stmt->where_clause)
    result->where = TransformExpression(stmt->where_clause);
  return result;
}

}  // namespace tributary
