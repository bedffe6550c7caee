// Binding of DELETE and UPDATE: a query over the target table (joined with
// USING / FROM, filtered by WHERE, subqueries planned as joins) that
// returns the target rows' ids and, for UPDATE, their new values.
#include <algorithm>
#include <set>

#include "binder/binder.h"
#include "binder/expression_binder.h"
#include "binder/subquery_decorrelator.h"
#include "catalog/catalog.h"
#include "main/client_context.h"
#include "main/database.h"
#include "parser/parser.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/expression/bound_subquery_expression.h"
#include "planner/operator/logical_get.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_projection.h"
#include "security/privilege.h"
#include "security/privilege_checker.h"

namespace tributary {

namespace {

LogicalType AssignmentType(const ColumnDefinition& column) {
  return column.type.IsString() ? LogicalType::Varchar() : column.type;
}

// The columns of the table bound as `table_index` that `expr` reads, as
// PostgreSQL decides which columns UPDATE/DELETE need SELECT on. A subquery
// that refers to the statement's tables at all counts as reading every
// column (`all`).
struct TargetReads {
  std::set<idx_t> columns;
  bool all = false;
  bool Any() const { return all || !columns.empty(); }
};

void CollectReads(const Expression& expr, idx_t table_index, TargetReads& reads) {
  if (expr.expression_class == ExpressionClass::kColumnRef) {
    auto& ref = expr.Cast<BoundColumnRefExpression>();
    if (ref.depth == 0 && ref.binding.table_index == table_index)
      reads.columns.insert(ref.binding.column_index);
    return;
  }
  if (expr.expression_class == ExpressionClass::kSubquery) {
    auto& subquery = expr.Cast<BoundSubqueryExpression>();
    if (subquery.subplan && SubqueryDecorrelator::HasOuterReferences(*subquery.subplan))
      reads.all = true;
  }
  expr.ForEachChild([&](const Expression& child) { CollectReads(child, table_index, reads); });
}

// `privilege` (SELECT for what `reads` reads) on `table`: on the table, or
// on each column read and each of `extra` (column privileges).
void RequireReads(ClientContext& context, const TableCatalogEntry& table, const TargetReads& reads,
                  Privilege privilege = Privilege::kSelect,
                  const std::vector<std::string>& extra = {}) {
  auto schema = context.db.catalog().GetSchema(table.schema_name);
  if (!schema)
    return;
  PrivilegeChecker checker(context.db.access_control(), context.current_user);
  if (reads.all) {
    checker.RequireTable(*schema, table, privilege);
    return;
  }
  std::vector<std::string> names = extra;
  for (auto c : reads.columns) {
    if (c < table.columns.size())
      names.push_back(table.columns[c].name);
  }
  checker.RequireColumns(*schema, table, privilege, names);
}

}  // namespace

LogicalOperatorPtr Binder::BindModificationSource(const std::string& schema,
                                                  const std::string& table,
                                                  const std::string& alias, TableRef* extra,
                                                  int location, LogicalGet*& get) {
  // Through GetTable: external tables fail with 25006, views with 42P01.
  // Not through BindBaseTable, which requires SELECT: the statement needs
  // SELECT only when it reads the target's columns (RequireSelectIfRead).
  auto entry = GetTable(schema, table, location);
  auto target = std::make_unique<LogicalGet>(GenerateTableIndex(), entry);
  TableBinding binding;
  binding.alias = alias.empty() ? table : alias;
  binding.schema = alias.empty() ? entry->schema_name : "";
  for (idx_t i = 0; i < entry->columns.size(); i++) {
    binding.names.push_back(entry->columns[i].name);
    binding.types.push_back(entry->columns[i].type);
    binding.bindings.emplace_back(target->table_index, i);
  }
  bind_context_.AddBinding(std::move(binding));
  get = target.get();
  LogicalOperatorPtr plan = std::move(target);
  get->column_ids.push_back(kRowIdColumn);
  if (extra) {
    auto join = std::make_unique<LogicalJoin>(JoinType::kInner);
    join->children.push_back(std::move(plan));
    join->children.push_back(BindTableRef(*extra));
    plan = std::move(join);
  }
  return plan;
}

BoundModification Binder::BindDelete(DeleteStatement& statement) {
  LogicalGet* get = nullptr;
  auto plan = BindModificationSource(statement.schema, statement.table, statement.alias,
                                     statement.using_clause.get(), statement.location, get);
  CheckPrivilege(get->table->schema_name, *get->table, Privilege::kDelete);
  if (statement.where) {
    ExpressionBinder where_binder(*this, bind_context_, "WHERE");
    auto predicate = where_binder.BindPredicate(*statement.where);
    TargetReads reads;
    CollectReads(*predicate, get->table_index, reads);
    if (reads.Any())
      RequireReads(context_, *get->table, reads);
    plan = PlanFilter(std::move(predicate), std::move(plan));
  }
  std::vector<ExpressionPtr> list;
  list.push_back(std::make_unique<BoundColumnRefExpression>(
      LogicalType(LogicalTypeId::kBigInt), ColumnBinding(get->table_index, kRowIdColumn)));
  BoundModification result;
  result.table = get->table;
  auto projection = std::make_unique<LogicalProjection>(GenerateTableIndex(), std::move(list));
  projection->children.push_back(std::move(plan));
  result.query.plan = std::move(projection);
  result.query.names = {"ctid"};
  result.query.types = {LogicalTypeId::kBigInt};
  return result;
}

BoundModification Binder::BindUpdate(UpdateStatement& statement) {
  LogicalGet* get = nullptr;
  auto plan = BindModificationSource(statement.schema, statement.table, statement.alias,
                                     statement.from.get(), statement.location, get);
  auto table = get->table;
  // UPDATE on the table or on each column SET assigns (column privileges).
  std::vector<std::string> assigned;
  for (auto& [name, _] : statement.set) {
    if (table->ColumnIndex(name) != kInvalidIndex)
      assigned.push_back(name);
  }
  RequireReads(context_, *table, TargetReads{}, Privilege::kUpdate, assigned);
  TargetReads reads;
  if (statement.where) {
    ExpressionBinder where_binder(*this, bind_context_, "WHERE");
    auto predicate = where_binder.BindPredicate(*statement.where);
    CollectReads(*predicate, get->table_index, reads);
    plan = PlanFilter(std::move(predicate), std::move(plan));
  }
  // New values: SET expressions, the old value for other columns.
  std::vector<ExpressionPtr> values(table->columns.size());
  for (auto& [name, expression] : statement.set) {
    idx_t index = table->ColumnIndex(name);
    if (index == kInvalidIndex) {
      throw Exception(sqlstate::kUndefinedColumn,
                      "column \"" + name + "\" of relation \"" + table->name + "\" does not exist");
    }
    if (values[index]) {
      throw Exception(sqlstate::kSyntaxError,
                      "multiple assignments to same column \"" + name + "\"");
    }
    auto& column = table->columns[index];
    ExpressionPtr bound;
    if (expression->expression_class == ExpressionClass::kDefault) {
      if (column.default_sql.empty()) {
        bound = std::make_unique<BoundConstantExpression>(Value::Null(AssignmentType(column)));
      } else {
        auto parsed = Parser::Parse("SELECT " + column.default_sql);
        auto& node = static_cast<SelectNode&>(*static_cast<SelectStatement&>(*parsed[0]).node);
        BindContext empty;
        ExpressionBinder default_binder(*this, empty, "DEFAULT");
        bound = default_binder.Bind(*node.select_list[0]);
      }
    } else {
      ExpressionBinder set_binder(*this, bind_context_, "UPDATE");
      bound = set_binder.Bind(*expression);
      CollectReads(*bound, get->table_index, reads);
      bound = PlanSubqueries(std::move(bound), plan);
    }
    values[index] = ExpressionBinder::Coerce(std::move(bound), AssignmentType(column));
  }
  if (reads.Any())
    RequireReads(context_, *table, reads);
  std::vector<ExpressionPtr> list;
  list.push_back(std::make_unique<BoundColumnRefExpression>(
      LogicalType(LogicalTypeId::kBigInt), ColumnBinding(get->table_index, kRowIdColumn)));
  std::vector<std::string> names = {"ctid"};
  std::vector<LogicalType> types = {LogicalTypeId::kBigInt};
  for (idx_t c = 0; c < table->columns.size(); c++) {
    if (!values[c]) {
      values[c] =
          ExpressionBinder::Coerce(std::make_unique<BoundColumnRefExpression>(
                                       table->columns[c].type, ColumnBinding(get->table_index, c)),
                                   AssignmentType(table->columns[c]));
    }
    types.push_back(values[c]->return_type);
    names.push_back(table->columns[c].name);
    list.push_back(std::move(values[c]));
  }
  BoundModification result;
  result.table = table;
  auto projection = std::make_unique<LogicalProjection>(GenerateTableIndex(), std::move(list));
  projection->children.push_back(std::move(plan));
  result.query.plan = std::move(projection);
  result.query.names = std::move(names);
  result.query.types = std::move(types);
  return result;
}

}  // namespace tributary
