#pragma once

#include "parser/parsed_expression.h"

namespace tributary {

// a | t.a | s.t.a | db.s.t.a
class ColumnRefExpression : public ParsedExpression {
 public:
  explicit ColumnRefExpression(std::vector<std::string> names)
      : ParsedExpression(ExpressionClass::kColumnRef), names(std::move(names)) {}
  std::vector<std::string> names;
  std::string ToString() const override {
    std::string s;
    for (size_t i = 0; i < names.size(); i++)
      s += (i ? "." : "") + QuoteIdentifier(names[i]);
    return s;
  }
};

// * or t.*
class StarExpression : public ParsedExpression {
 public:
  explicit StarExpression(std::string relation)
      : ParsedExpression(ExpressionClass::kStar), relation(std::move(relation)) {}
  std::string relation;
  std::string ToString() const override { return relation.empty() ? "*" : relation + ".*"; }
};

// $n
class ParameterExpression : public ParsedExpression {
 public:
  explicit ParameterExpression(int index)
      : ParsedExpression(ExpressionClass::kParameter), index(index) {}
  int index;
  std::string ToString() const override { return "$" + std::to_string(index); }
};

// DEFAULT in INSERT ... VALUES
class DefaultExpression : public ParsedExpression {
 public:
  DefaultExpression() : ParsedExpression(ExpressionClass::kDefault) {}
  std::string ToString() const override { return "DEFAULT"; }
};

}  // namespace tributary
