#include "connector/remote_expression_deparser.h"

#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_conjunction_expression.h"
#include "planner/expression/bound_operator_expression.h"

namespace tributary {

RemoteExpressionDeparser::RemoteExpressionDeparser(const RemoteTable& table, idx_t table_index)
    : resolve_([&table, table_index](const ColumnBinding& b) -> const RemoteColumn* {
        if (b.table_index != table_index || b.column_index >= table.columns.size())
          return nullptr;
        return &table.columns[b.column_index];
      }) {}

const RemoteColumn* RemoteExpressionDeparser::ResolveColumn(const Expression& e) const {
  if (e.expression_class != ExpressionClass::kColumnRef)
    return nullptr;
  auto& ref = e.Cast<BoundColumnRefExpression>();
  if (ref.depth != 0)
    return nullptr;
  return resolve_(ref.binding);
}

std::string RemoteExpressionDeparser::ColumnName(const ColumnBinding& binding,
                                                 const SqlQuoter& quote) const {
  if (name_)
    return name_(binding);
  return quote.identifier(resolve_(binding)->name);
}

bool RemoteExpressionDeparser::DeparseLogical(const Expression& e, const SqlQuoter& quote,
                                              std::string& sql) const {
  if (e.expression_class == ExpressionClass::kConjunction) {
    auto& conj = e.Cast<BoundConjunctionExpression>();
    sql = "(";
    for (size_t i = 0; i < conj.children.size(); i++) {
      if (i)
        sql += conj.type == ConjunctionType::kAnd ? " AND " : " OR ";
      sql += Deparse(*conj.children[i], quote);
    }
    sql += ")";
    return true;
  }
  if (e.expression_class != ExpressionClass::kOperator)
    return false;
  auto& op = e.Cast<BoundOperatorExpression>();
  switch (op.type) {
    case OperatorType::kNot:
      sql = "(NOT " + Deparse(*op.children[0], quote) + ")";
      return true;
    case OperatorType::kIsNull:
      sql = "(" + Deparse(*op.children[0], quote) + " IS NULL)";
      return true;
    case OperatorType::kIsNotNull:
      sql = "(" + Deparse(*op.children[0], quote) + " IS NOT NULL)";
      return true;
    case OperatorType::kIn:
    case OperatorType::kNotIn:
      sql = "(" + Deparse(*op.children[0], quote) +
            (op.type == OperatorType::kIn ? " IN (" : " NOT IN (");
      for (size_t i = 1; i < op.children.size(); i++)
        sql += (i > 1 ? ", " : "") + Deparse(*op.children[i], quote);
      sql += "))";
      return true;
    default:
      return false;
  }
}

}  // namespace tributary
