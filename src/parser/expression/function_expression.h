#pragma once

#include "parser/parsed_expression.h"

namespace tributary {

// name([DISTINCT] args) [WITHIN GROUP (ORDER BY ...)] [FILTER (WHERE ...)]
// [OVER (...)]; also COALESCE, GREATEST/LEAST, NULLIF, CURRENT_DATE, ...
class FunctionExpression : public ParsedExpression {
 public:
  FunctionExpression(std::string schema, std::string name, ExpressionList children)
      : ParsedExpression(ExpressionClass::kFunction),
        schema(std::move(schema)),
        name(std::move(name)),
        children(std::move(children)) {}
  std::string schema;
  std::string name;
  ExpressionList children;
  bool distinct = false;
  bool is_star = false;  // count(*)
  ParsedExpressionPtr filter;
  std::vector<OrderByNode> order_by;
  bool within_group = false;
  std::unique_ptr<WindowSpec> over;

  std::string ToString() const override;
};

}  // namespace tributary
