#pragma once

#include "parser/parsed_expression.h"
#include "types/value.h"

namespace tributary {

// A literal. Quoted strings have PostgreSQL's "unknown" type
// (is_unknown_literal) until the binder gives them one.
class ConstantExpression : public ParsedExpression {
 public:
  explicit ConstantExpression(Value value)
      : ParsedExpression(ExpressionClass::kConstant), value(std::move(value)) {}
  Value value;
  bool is_unknown_literal = false;
  // A numeric literal too long for DECIMAL(38): value holds its text.
  bool is_numeric_text = false;

  std::string ToString() const override;
};

}  // namespace tributary
