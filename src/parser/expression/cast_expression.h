#pragma once

#include "parser/parsed_expression.h"

namespace tributary {

// CAST(child AS type), child::type, and typed literals (DATE '...').
class CastExpression : public ParsedExpression {
 public:
  CastExpression(ParsedExpressionPtr child, LogicalType target)
      : ParsedExpression(ExpressionClass::kCast),
        child(std::move(child)),
        target(std::move(target)) {}
  ParsedExpressionPtr child;
  LogicalType target;
  // NUMERIC/DECIMAL without a precision: the binder picks the type.
  bool unconstrained_numeric = false;
  // A cast to an object identifier type (regclass, regtype, regproc,
  // regnamespace, regrole): resolved against the catalog by the binder.
  std::string catalog_type;
  std::string ToString() const override {
    return "CAST(" + child->ToString() + " AS " +
           (!catalog_type.empty()   ? catalog_type
            : unconstrained_numeric ? std::string("numeric")
                                    : target.ToString()) +
           ")";
  }
};

class CollateExpression : public ParsedExpression {
 public:
  CollateExpression(ParsedExpressionPtr child, std::string collation)
      : ParsedExpression(ExpressionClass::kCollate),
        child(std::move(child)),
        collation(std::move(collation)) {}
  ParsedExpressionPtr child;
  std::string collation;
  std::string ToString() const override {
    return child->ToString() + " COLLATE \"" + collation + "\"";
  }
};

}  // namespace tributary
