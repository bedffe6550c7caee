// Expression: a bound (type-checked, name-resolved) expression tree, as the
// binder produces it and the planner, optimizer and executor consume it.
//
// Contract: an Expression is immutable once planning ends; execution keeps
// its mutable state in ExpressionState (execution/expression_state.h), so one
// plan can run on many threads at once.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "types/logical_type.h"

namespace tributary {

enum class ExpressionClass : uint8_t {
  kColumnRef,    // BoundColumnRefExpression: (table, column) binding; logical plans
  kReference,    // BoundReferenceExpression: input chunk column index; physical plans
  kConstant,     // BoundConstantExpression
  kParameter,    // BoundParameterExpression ($n)
  kFunction,     // BoundFunctionExpression (scalar)
  kCast,         // BoundCastExpression
  kComparison,   // BoundComparisonExpression
  kConjunction,  // BoundConjunctionExpression (AND / OR)
  kOperator,     // BoundOperatorExpression (NOT, IS [NOT] NULL, IN, COALESCE)
  kCase,         // BoundCaseExpression
  kAggregate,    // BoundAggregateExpression (only inside LogicalAggregate)
  kWindow,       // BoundWindowExpression (only inside LogicalWindow)
  kSubquery,     // BoundSubqueryExpression (binder output; planned into joins)
  // Kinds that exist only in parsed (unbound) expressions:
  kStar,
  kNot,
  kNullTest,
  kBooleanTest,
  kBetween,
  kInList,
  kCollate,
  kDefault,
};

class Expression {
 public:
  Expression(ExpressionClass expression_class, LogicalType return_type)
      : expression_class(expression_class), return_type(std::move(return_type)) {}
  virtual ~Expression() = default;

  ExpressionClass expression_class;
  LogicalType return_type;
  // Output column name (select-list alias or PostgreSQL's default name).
  std::string alias;

  virtual std::string ToString() const = 0;
  virtual std::unique_ptr<Expression> Copy() const = 0;
  // Structural equality (ignores alias).
  virtual bool Equals(const Expression& other) const;
  virtual hash_t Hash() const;

  // Calls `fn` on each direct child slot (the slot may be replaced).
  virtual void ForEachChild(const std::function<void(std::unique_ptr<Expression>&)>& fn) {}
  void ForEachChild(const std::function<void(const Expression&)>& fn) const;

  // True when the value depends on no row (no column refs, parameters,
  // aggregates, windows, subqueries or volatile functions): it can be folded.
  virtual bool IsFoldable() const;
  virtual bool IsVolatile() const { return false; }
  bool HasAggregate() const;
  bool HasWindow() const;
  bool HasSubquery() const;

  template <class T>
  T& Cast() {
    return static_cast<T&>(*this);
  }
  template <class T>
  const T& Cast() const {
    return static_cast<const T&>(*this);
  }
};

using ExpressionPtr = std::unique_ptr<Expression>;

}  // namespace tributary
