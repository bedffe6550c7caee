// Transformer: information_schema._pg_expandarray(a) in a select list, as
// JDBC's getPrimaryKeys sends it. PostgreSQL's set-returning function yields
// one record (x, n) per element x of a at position n. Tributary has neither
// set-returning functions in select lists nor composite types, so a SELECT
// whose list calls it on one column `a` becomes a join with the positions:
//   SELECT ... FROM (from) CROSS JOIN generate_series(1, 32) AS
//       _pg_expandarray_n(n)
//   WHERE (where) AND tributary_array_element(a, n) IS NOT NULL
// with (_pg_expandarray(a)).n -> n, (_pg_expandarray(a)).x ->
// tributary_array_element(a, n), and the bare call -> the record's text form
// '(x,n)', from which tributary_field_select reads x and n back. 32 is
// PostgreSQL's INDEX_MAX_KEYS, the longest key array pg_index and
// pg_constraint hold.
#include "parser/expression/cast_expression.h"
#include "parser/expression/column_ref_expression.h"
#include "parser/expression/constant_expression.h"
#include "parser/expression/function_expression.h"
#include "parser/expression/operator_expression.h"
#include "parser/expression/predicate_expressions.h"
#include "parser/query_node/query_node.h"
#include "parser/tableref/table_ref.h"
#include "parser/transformer.h"

namespace tributary {

namespace {

constexpr const char* kPositions = "_pg_expandarray_n";

// The column `a` of _pg_expandarray(a), or null when `e` is no such call.
const ColumnRefExpression* ExpandedColumn(const ParsedExpression& e) {
  if (e.expression_class != ExpressionClass::kFunction)
    return nullptr;
  auto& f = e.Cast<FunctionExpression>();
  if (f.name != "_pg_expandarray" || f.children.size() != 1 ||
      f.children[0]->expression_class != ExpressionClass::kColumnRef)
    return nullptr;
  return &f.children[0]->Cast<ColumnRefExpression>();
}

// (_pg_expandarray(a)).field: the field's name, or "" when `e` is no such
// selection.
std::string SelectedField(const ParsedExpression& e, const ColumnRefExpression** column) {
  if (e.expression_class != ExpressionClass::kFunction)
    return "";
  auto& f = e.Cast<FunctionExpression>();
  if (f.name != "tributary_field_select" || f.children.size() != 2 ||
      f.children[1]->expression_class != ExpressionClass::kConstant)
    return "";
  *column = ExpandedColumn(*f.children[0]);
  if (!*column)
    return "";
  return f.children[1]->Cast<ConstantExpression>().value.GetString();
}

ParsedExpressionPtr Position() {
  return std::make_unique<ColumnRefExpression>(std::vector<std::string>{kPositions, "n"});
}

ParsedExpressionPtr Element(const ColumnRefExpression& column) {
  ExpressionList args;
  args.push_back(std::make_unique<ColumnRefExpression>(column.names));
  args.push_back(Position());
  return std::make_unique<FunctionExpression>("", "tributary_array_element", std::move(args));
}

ParsedExpressionPtr Literal(const std::string& text) {
  auto c = std::make_unique<ConstantExpression>(Value::Varchar(text));
  c->is_unknown_literal = true;
  return c;
}

ParsedExpressionPtr AsText(ParsedExpressionPtr e) {
  return std::make_unique<CastExpression>(std::move(e), LogicalType::Varchar());
}

}  // namespace

void Transformer::ExpandArrayCalls(SelectNode& select) {
  const ColumnRefExpression* expanded = nullptr;
  std::string expanded_text;
  bool consistent = true;
  auto note = [&](const ColumnRefExpression* column) {
    if (!expanded) {
      expanded = column;
      expanded_text = column->ToString();
    } else if (column->ToString() != expanded_text) {
      consistent = false;
    }
  };
  for (auto& item : select.select_list) {
    const ColumnRefExpression* column = nullptr;
    if (!SelectedField(*item, &column).empty() || (column = ExpandedColumn(*item)))
      note(column);
  }
  // Calls on different arrays would have to run in lockstep: left as they
  // are (binding them raises 0A000).
  if (!expanded || !consistent || !select.from)
    return;
  ColumnRefExpression array(expanded->names);
  for (auto& item : select.select_list) {
    const ColumnRefExpression* column = nullptr;
    auto field = SelectedField(*item, &column);
    ParsedExpressionPtr replacement;
    if (field == "n") {
      replacement = Position();
    } else if (field == "x") {
      replacement = Element(array);
    } else if (!column && ExpandedColumn(*item)) {
      // '(' || x || ',' || n || ')'
      auto text = std::make_unique<OperatorExpression>("||", Literal("("), AsText(Element(array)));
      auto comma = std::make_unique<OperatorExpression>("||", std::move(text), Literal(","));
      auto n = std::make_unique<OperatorExpression>("||", std::move(comma), AsText(Position()));
      replacement = std::make_unique<OperatorExpression>("||", std::move(n), Literal(")"));
    } else {
      continue;
    }
    replacement->alias = item->alias;
    replacement->figure_name = item->figure_name;
    replacement->location = item->location;
    item = std::move(replacement);
  }
  ExpressionList series_args;
  series_args.push_back(std::make_unique<ConstantExpression>(Value::Integer(1)));
  series_args.push_back(std::make_unique<ConstantExpression>(Value::Integer(32)));
  auto positions = std::make_unique<TableFunctionRef>();
  positions->function =
      std::make_unique<FunctionExpression>("", "generate_series", std::move(series_args));
  positions->alias = kPositions;
  positions->column_aliases = {"n"};
  auto join = std::make_unique<JoinRef>();
  join->join_type = JoinRef::JoinType::kCross;
  join->left = std::move(select.from);
  join->right = std::move(positions);
  select.from = std::move(join);
  auto present = std::make_unique<NullTestExpression>(Element(array), true);
  if (select.where) {
    ExpressionList both;
    both.push_back(std::move(select.where));
    both.push_back(std::move(present));
    select.where =
        std::make_unique<ConjunctionExpression>(ConjunctionExpression::Type::kAnd, std::move(both));
  } else {
    select.where = std::move(present);
  }
}

}  // namespace tributary
