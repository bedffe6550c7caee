#pragma once

#include "parser/parsed_expression.h"

namespace tributary {

struct CaseCheck {
  ParsedExpressionPtr when_expr;
  ParsedExpressionPtr then_expr;
};

class CaseExpression : public ParsedExpression {
 public:
  CaseExpression() : ParsedExpression(ExpressionClass::kCase) {}
  ParsedExpressionPtr operand;  // CASE x WHEN ..., or null
  std::vector<CaseCheck> checks;
  ParsedExpressionPtr else_expr;  // may be null
  std::string ToString() const override {
    std::string s = "CASE";
    if (operand)
      s += " " + operand->ToString();
    for (auto& c : checks)
      s += " WHEN " + c.when_expr->ToString() + " THEN " + c.then_expr->ToString();
    if (else_expr)
      s += " ELSE " + else_expr->ToString();
    return s + " END";
  }
};

}  // namespace tributary
