// Binding of INSERT and CREATE TABLE AS.
#include <algorithm>

#include "binder/binder.h"
#include "binder/expression_binder.h"
#include "catalog/catalog.h"
#include "main/client_context.h"
#include "main/database.h"
#include "parser/parser.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/operator/logical_create_table_as.h"
#include "planner/operator/logical_expression_get.h"
#include "planner/operator/logical_insert.h"
#include "planner/operator/logical_projection.h"
#include "security/privilege_checker.h"

namespace tributary {

namespace {

// The type a value is converted to before it is stored in `column`:
// length-limited strings arrive unbounded, and the insert checks the length
// (assignment semantics: too long is an error, not a truncation).
LogicalType AssignmentType(const ColumnDefinition& column) {
  return column.type.IsString() ? LogicalType::Varchar() : column.type;
}

// The DEFAULT of a column as a bound expression (NULL when none).
ExpressionPtr BindDefault(Binder& binder, const ColumnDefinition& column) {
  if (column.default_sql.empty()) {
    return std::make_unique<BoundConstantExpression>(Value::Null(AssignmentType(column)));
  }
  auto statements = Parser::Parse("SELECT " + column.default_sql);
  auto& select = static_cast<SelectStatement&>(*statements[0]);
  auto& node = static_cast<SelectNode&>(*select.node);
  BindContext empty;
  ExpressionBinder expression_binder(binder, empty, "DEFAULT");
  return ExpressionBinder::Coerce(expression_binder.Bind(*node.select_list[0]),
                                  AssignmentType(column));
}

}  // namespace

BoundStatement Binder::BindInsert(InsertStatement& statement) {
  auto table = GetTable(statement.schema, statement.table, statement.location);
  const auto& columns = table->columns;

  // Target column list -> table column indexes.
  std::vector<idx_t> targets = table->TargetColumns(statement.columns);
  // INSERT on the table, or on each target column (column privileges).
  if (auto schema = context_.db.catalog().GetSchema(table->schema_name)) {
    std::vector<std::string> names;
    for (auto t : targets)
      names.push_back(columns[t].name);
    PrivilegeChecker(context_.db.access_control(), context_.current_user)
        .RequireColumns(*schema, *table, Privilege::kInsert, names);
  }

  LogicalOperatorPtr source;
  std::vector<ExpressionPtr> source_columns;  // per target, over `source`
  if (statement.default_values || !statement.select) {
    source = nullptr;
  } else if (statement.select->node->type == QueryNodeType::kValues &&
             statement.select->node->order_by.empty() && !statement.select->node->limit) {
    // VALUES rows are bound straight to the column types, so quoted
    // literals convert directly and DEFAULT works.
    auto& values = static_cast<ValuesNode&>(*statement.select->node);
    BindContext empty;
    ExpressionBinder binder(*this, empty, "VALUES");
    binder.DisallowSubqueries();
    std::vector<std::vector<ExpressionPtr>> rows;
    for (auto& row : values.rows) {
      if (row.size() > targets.size()) {
        throw Exception(sqlstate::kSyntaxError, "INSERT has more expressions than target columns");
      }
      if (row.size() < targets.size() && !statement.columns.empty()) {
        throw Exception(sqlstate::kSyntaxError, "INSERT has more target columns than expressions");
      }
      std::vector<ExpressionPtr> bound;
      for (idx_t i = 0; i < targets.size(); i++) {
        auto& column = columns[targets[i]];
        if (i >= row.size() || row[i]->expression_class == ExpressionClass::kDefault) {
          bound.push_back(BindDefault(*this, column));
        } else {
          bound.push_back(ExpressionBinder::Coerce(binder.Bind(*row[i]), AssignmentType(column)));
        }
      }
      rows.push_back(std::move(bound));
    }
    std::vector<LogicalType> types;
    for (idx_t t : targets)
      types.push_back(AssignmentType(columns[t]));
    idx_t index = GenerateTableIndex();
    source = std::make_unique<LogicalExpressionGet>(index, types, std::move(rows));
    source->estimated_cardinality = values.rows.size();
    for (idx_t i = 0; i < targets.size(); i++) {
      source_columns.push_back(
          std::make_unique<BoundColumnRefExpression>(types[i], ColumnBinding(index, i)));
    }
  } else {
    Binder child(context_, this);
    auto bound = child.BindSelect(*statement.select);
    if (bound.types.size() > targets.size()) {
      throw Exception(sqlstate::kSyntaxError, "INSERT has more expressions than target columns");
    }
    if (bound.types.size() < targets.size() && !statement.columns.empty()) {
      throw Exception(sqlstate::kSyntaxError, "INSERT has more target columns than expressions");
    }
    auto bindings = bound.plan->GetColumnBindings();
    for (idx_t i = 0; i < bound.types.size(); i++) {
      auto ref = std::make_unique<BoundColumnRefExpression>(bound.types[i], bindings[i]);
      source_columns.push_back(
          ExpressionBinder::Coerce(std::move(ref), AssignmentType(columns[targets[i]])));
    }
    targets.resize(bound.types.size());
    source = std::move(bound.plan);
  }

  // One expression per table column, in table order.
  std::vector<ExpressionPtr> list;
  for (idx_t c = 0; c < columns.size(); c++) {
    auto it = std::find(targets.begin(), targets.end(), c);
    if (it != targets.end()) {
      list.push_back(std::move(source_columns[it - targets.begin()]));
    } else {
      list.push_back(BindDefault(*this, columns[c]));
    }
  }
  if (!source) {
    // DEFAULT VALUES: one row of defaults.
    std::vector<std::vector<ExpressionPtr>> rows(1);
    rows[0] = std::move(list);
    std::vector<LogicalType> types;
    for (auto& c : columns)
      types.push_back(AssignmentType(c));
    source = std::make_unique<LogicalExpressionGet>(GenerateTableIndex(), types, std::move(rows));
    source->estimated_cardinality = 1;
  } else {
    auto projection = std::make_unique<LogicalProjection>(GenerateTableIndex(), std::move(list));
    projection->children.push_back(std::move(source));
    source = std::move(projection);
  }
  auto insert = std::make_unique<LogicalInsert>(GenerateTableIndex(), table);
  insert->children.push_back(std::move(source));
  BoundStatement result;
  result.plan = std::move(insert);
  result.names = {"count"};
  result.types = {LogicalTypeId::kBigInt};
  return result;
}

BoundStatement Binder::BindCreateTableAs(CreateTableStatement& statement) {
  std::string schema = statement.schema.empty() ? DefaultSchema() : statement.schema;
  auto& catalog = context_.db.catalog();
  auto schema_entry = catalog.GetSchema(schema);
  if (!schema_entry) {
    throw Exception(sqlstate::kInvalidSchemaName, "schema \"" + schema + "\" does not exist");
  }
  PrivilegeChecker(context_.db.access_control(), context_.current_user)
      .RequireSchema(*schema_entry, Privilege::kCreate);
  Binder child(context_, this);
  auto bound = child.BindSelect(*statement.as_select);
  std::vector<ColumnDefinition> columns;
  for (idx_t i = 0; i < bound.types.size(); i++) {
    ColumnDefinition column;
    column.name = i < statement.columns.size() ? statement.columns[i].name : bound.names[i];
    column.type =
        bound.types[i].id() == LogicalTypeId::kNull ? LogicalType::Varchar() : bound.types[i];
    for (auto& existing : columns) {
      if (existing.name == column.name) {
        throw Exception(sqlstate::kDuplicateColumn,
                        "column \"" + column.name + "\" specified more than once");
      }
    }
    columns.push_back(std::move(column));
  }
  auto table = std::make_shared<TableCatalogEntry>(schema, statement.table, std::move(columns));
  table->owner = context_.current_user;
  auto ctas =
      std::make_unique<LogicalCreateTableAs>(GenerateTableIndex(), table, statement.if_not_exists);
  ctas->children.push_back(std::move(bound.plan));
  BoundStatement result;
  result.plan = std::move(ctas);
  result.names = {"count"};
  result.types = {LogicalTypeId::kBigInt};
  return result;
}

}  // namespace tributary
