#pragma once

#include "parser/parsed_expression.h"
#include "parser/statement/sql_statement.h"

namespace tributary {

// (SELECT ...), EXISTS (...), x IN (SELECT ...), x op ANY/ALL (SELECT ...)
class SubqueryExpression : public ParsedExpression {
 public:
  enum class SubqueryType { kScalar, kExists, kAny, kAll };
  SubqueryExpression() : ParsedExpression(ExpressionClass::kSubquery) {}
  SubqueryType subquery_type = SubqueryType::kScalar;
  std::unique_ptr<SelectStatement> subquery;
  ParsedExpressionPtr child;
  std::string comparison_op;
  std::string ToString() const override;
};

}  // namespace tributary
