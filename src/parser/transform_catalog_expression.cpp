// Transformer: the expressions catalog queries use that Tributary has no
// types for. Casts to object identifier types (regclass, regtype, regproc,
// regprocedure, regnamespace, regrole) are marked for the binder, which
// resolves them against the catalog. ARRAY(subquery) becomes
//   coalesce((SELECT '{' || string_agg(e::text, ',') || '}'
//             FROM (subquery) AS array_input(e)), '{}')
// i.e. the array's text form, which is what psql and JDBC print.
// ARRAY(SELECT e FROM unnest(a) x) (psql's \d+) maps e over the elements
// of a: tributary_array_map(a, e, 'x'), bound by the binder.
#include "parser/expression/cast_expression.h"
#include "parser/expression/column_ref_expression.h"
#include "parser/expression/constant_expression.h"
#include "parser/expression/function_expression.h"
#include "parser/expression/operator_expression.h"
#include "parser/expression/subquery_expression.h"
#include "parser/query_node/query_node.h"
#include "parser/statement/sql_statement.h"
#include "parser/tableref/table_ref.h"
#include "parser/transformer.h"

namespace tributary {

std::string Transformer::CatalogTypeName(const PgQuery__TypeName* type) {
  if (!type || type->n_names == 0 || type->n_array_bounds > 0)
    return "";
  std::string name = StringValue(type->names[type->n_names - 1]);
  for (const char* t :
       {"regclass", "regtype", "regproc", "regprocedure", "regnamespace", "regrole"}) {
    if (name == t)
      return name;
  }
  return "";
}

ParsedExpressionPtr Transformer::TransformIndirection(const PgQuery__AIndirection* indirection) {
  if (indirection->n_indirection == 1 &&
      indirection->indirection[0]->node_case == PG_QUERY__NODE__NODE_STRING) {
    // (composite).field: bound as tributary_field_select(composite, 'field').
    ExpressionList args;
    args.push_back(TransformExpression(indirection->arg));
    auto field = std::make_unique<ConstantExpression>(
        Value::Varchar(Identifier(StringValue(indirection->indirection[0]).c_str())));
    args.push_back(std::move(field));
    auto result =
        std::make_unique<FunctionExpression>("", "tributary_field_select", std::move(args));
    result->figure_name = StringValue(indirection->indirection[0]);
    return result;
  }
  if (indirection->n_indirection != 1 ||
      indirection->indirection[0]->node_case != PG_QUERY__NODE__NODE_A_INDICES ||
      indirection->indirection[0]->a_indices->is_slice ||
      !indirection->indirection[0]->a_indices->uidx) {
    ThrowNotSupported("slices and field selection");
  }
  ExpressionList args;
  args.push_back(TransformExpression(indirection->arg));
  args.push_back(TransformExpression(indirection->indirection[0]->a_indices->uidx));
  auto result = std::make_unique<FunctionExpression>("", "array_subscript", std::move(args));
  result->figure_name = "array_subscript";
  return result;
}

ParsedExpressionPtr Transformer::ArraySubqueryAsText(std::unique_ptr<SelectStatement> subquery,
                                                     int location) {
  auto literal = [](const std::string& text) {
    auto c = std::make_unique<ConstantExpression>(Value::Varchar(text));
    c->is_unknown_literal = true;
    return c;
  };
  auto* node = subquery->node.get();
  if (node->type == QueryNodeType::kSelect && node->order_by.empty() && !node->limit &&
      !node->offset && node->ctes.empty()) {
    auto& select = node->Cast<SelectNode>();
    if (select.select_list.size() == 1 && select.from &&
        select.from->type == TableRefType::kTableFunction && !select.where &&
        select.group_by.empty() && !select.having && !select.distinct) {
      auto& function = static_cast<TableFunctionRef&>(*select.from);
      if (function.function->name == "unnest" && function.function->children.size() == 1) {
        std::string column = !function.column_aliases.empty() ? function.column_aliases[0]
                             : !function.alias.empty()        ? function.alias
                                                              : "unnest";
        ExpressionList args;
        args.push_back(std::move(function.function->children[0]));
        args.push_back(std::move(select.select_list[0]));
        args.push_back(literal(column));
        auto result =
            std::make_unique<FunctionExpression>("", "tributary_array_map", std::move(args));
        result->location = location;
        result->figure_name = "array";
        return result;
      }
    }
  }
  auto element = std::make_unique<CastExpression>(
      std::make_unique<ColumnRefExpression>(std::vector<std::string>{"array_element"}),
      LogicalType::Varchar());
  ExpressionList agg_args;
  agg_args.push_back(std::move(element));
  agg_args.push_back(literal(","));
  auto agg = std::make_unique<FunctionExpression>("", "string_agg", std::move(agg_args));
  auto text = std::make_unique<OperatorExpression>(
      "||", std::make_unique<OperatorExpression>("||", literal("{"), std::move(agg)), literal("}"));
  auto from = std::make_unique<SubqueryRef>();
  from->subquery = std::move(subquery);
  from->alias = "array_input";
  from->column_aliases = {"array_element"};
  auto select = std::make_unique<SelectNode>();
  select->select_list.push_back(std::move(text));
  select->from = std::move(from);
  auto statement = std::make_unique<SelectStatement>();
  statement->node = std::move(select);
  auto scalar = std::make_unique<SubqueryExpression>();
  scalar->subquery = std::move(statement);
  scalar->location = location;
  ExpressionList coalesce_args;
  coalesce_args.push_back(std::move(scalar));
  coalesce_args.push_back(literal("{}"));
  auto result = std::make_unique<FunctionExpression>("", "coalesce", std::move(coalesce_args));
  result->location = location;
  result->figure_name = "array";
  return result;
}

}  // namespace tributary
