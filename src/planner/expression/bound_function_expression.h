#pragma once

#include "function/scalar_function.h"
#include "planner/expression.h"

namespace tributary {

class BoundFunctionExpression : public Expression {
 public:
  BoundFunctionExpression(ScalarFunction function, std::vector<ExpressionPtr> children,
                          std::unique_ptr<FunctionData> bind_data, bool is_operator = false)
      : Expression(ExpressionClass::kFunction, function.return_type),
        function(std::move(function)),
        children(std::move(children)),
        bind_data(std::move(bind_data)),
        is_operator(is_operator) {}

  ScalarFunction function;
  std::vector<ExpressionPtr> children;
  std::unique_ptr<FunctionData> bind_data;
  // Printed infix ("a + b") rather than as a call.
  bool is_operator;

  std::string ToString() const override;
  std::unique_ptr<Expression> Copy() const override;
  bool Equals(const Expression& other) const override;
  void ForEachChild(const std::function<void(ExpressionPtr&)>& fn) override {
    for (auto& c : children)
      fn(c);
  }
  bool IsVolatile() const override { return function.is_volatile; }
};

}  // namespace tributary
