// IS [NOT] NULL, IS [NOT] TRUE/FALSE/UNKNOWN, BETWEEN, IN (list).
#pragma once

#include "parser/parsed_expression.h"

namespace tributary {

class NullTestExpression : public ParsedExpression {
 public:
  NullTestExpression(ParsedExpressionPtr child, bool is_not_null)
      : ParsedExpression(ExpressionClass::kNullTest),
        child(std::move(child)),
        is_not_null(is_not_null) {}
  ParsedExpressionPtr child;
  bool is_not_null;
  std::string ToString() const override {
    return "(" + child->ToString() + (is_not_null ? " IS NOT NULL)" : " IS NULL)");
  }
};

class BooleanTestExpression : public ParsedExpression {
 public:
  enum class Kind { kIsTrue, kIsNotTrue, kIsFalse, kIsNotFalse, kIsUnknown, kIsNotUnknown };
  BooleanTestExpression(ParsedExpressionPtr child, Kind kind)
      : ParsedExpression(ExpressionClass::kBooleanTest), child(std::move(child)), kind(kind) {}
  ParsedExpressionPtr child;
  Kind kind;
  std::string ToString() const override {
    static const char* kNames[] = {" IS TRUE",      " IS NOT TRUE", " IS FALSE",
                                   " IS NOT FALSE", " IS UNKNOWN",  " IS NOT UNKNOWN"};
    return "(" + child->ToString() + kNames[static_cast<int>(kind)] + ")";
  }
};

class BetweenExpression : public ParsedExpression {
 public:
  BetweenExpression(ParsedExpressionPtr input, ParsedExpressionPtr lower, ParsedExpressionPtr upper)
      : ParsedExpression(ExpressionClass::kBetween),
        input(std::move(input)),
        lower(std::move(lower)),
        upper(std::move(upper)) {}
  ParsedExpressionPtr input, lower, upper;
  bool negated = false;
  bool symmetric = false;
  std::string ToString() const override {
    return "(" + input->ToString() + (negated ? " NOT" : "") + " BETWEEN " +
           (symmetric ? "SYMMETRIC " : "") + lower->ToString() + " AND " + upper->ToString() + ")";
  }
};

class InListExpression : public ParsedExpression {
 public:
  InListExpression(ParsedExpressionPtr input, ExpressionList values, bool negated)
      : ParsedExpression(ExpressionClass::kInList),
        input(std::move(input)),
        values(std::move(values)),
        negated(negated) {}
  ParsedExpressionPtr input;
  ExpressionList values;
  bool negated;
  std::string ToString() const override {
    return "(" + input->ToString() + (negated ? " NOT IN (" : " IN (") + JoinExpressions(values) +
           "))";
  }
};

}  // namespace tributary
