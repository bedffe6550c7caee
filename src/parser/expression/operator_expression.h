#pragma once

#include "parser/parsed_expression.h"

namespace tributary {

// Binary or prefix operators by PostgreSQL name: + - * / % ^ = <> < > <= >=
// || ~~ !~~ ~~* !~~* ~ ~* !~ !~*, "IS DISTINCT FROM", "IS NOT DISTINCT FROM".
class OperatorExpression : public ParsedExpression {
 public:
  OperatorExpression(std::string op, ParsedExpressionPtr left, ParsedExpressionPtr right)
      : ParsedExpression(ExpressionClass::kOperator),
        op(std::move(op)),
        left(std::move(left)),
        right(std::move(right)) {}
  std::string op;
  ParsedExpressionPtr left;  // null for prefix operators
  ParsedExpressionPtr right;

  std::string ToString() const override {
    if (!left)
      return "(" + op + right->ToString() + ")";
    return "(" + left->ToString() + " " + op + " " + right->ToString() + ")";
  }
};

class ConjunctionExpression : public ParsedExpression {
 public:
  enum class Type { kAnd, kOr };
  ConjunctionExpression(Type type, ExpressionList children)
      : ParsedExpression(ExpressionClass::kConjunction),
        type(type),
        children(std::move(children)) {}
  Type type;
  ExpressionList children;
  std::string ToString() const override {
    return "(" + JoinExpressions(children, type == Type::kAnd ? " AND " : " OR ") + ")";
  }
};

class NotExpression : public ParsedExpression {
 public:
  explicit NotExpression(ParsedExpressionPtr child)
      : ParsedExpression(ExpressionClass::kNot), child(std::move(child)) {}
  ParsedExpressionPtr child;
  std::string ToString() const override { return "(NOT " + child->ToString() + ")"; }
};

}  // namespace tributary
