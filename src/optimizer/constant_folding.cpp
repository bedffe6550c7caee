// Pass 1: evaluates every constant subexpression once at plan time, and
// compares a DATE column with a TIMESTAMP constant as a DATE (`o_orderdate <
// date '1995-01-01' + interval '1' year` casts no row and reaches zone maps).
#include <limits>

#include "execution/expression_executor.h"
#include "optimizer/optimizer.h"
#include "planner/expression/bound_aggregate_expression.h"
#include "planner/expression/bound_cast_expression.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/operator/logical_aggregate.h"
#include "planner/operator/logical_expression_get.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_order.h"
#include "planner/operator/logical_top_n.h"
#include "types/timestamp.h"

namespace tributary {

namespace {

bool IsDateToTimestamp(const Expression& e) {
  return e.expression_class == ExpressionClass::kCast &&
         e.return_type.id() == LogicalTypeId::kTimestamp &&
         e.Cast<BoundCastExpression>().child->return_type.id() == LogicalTypeId::kDate;
}

bool IsTimestampConstant(const Expression& e) {
  return e.expression_class == ExpressionClass::kConstant &&
         e.return_type.id() == LogicalTypeId::kTimestamp &&
         !e.Cast<BoundConstantExpression>().value.IsNull();
}

// CAST(date AS timestamp) <cmp> constant as date <cmp> a DATE constant: the
// day of the constant, or (for < and >= a time after midnight) the day's
// bounds move by one; = and <> only with a midnight. Null when it cannot.
ExpressionPtr DateComparison(BoundComparisonExpression& cmp) {
  bool cast_left = IsDateToTimestamp(*cmp.left) && IsTimestampConstant(*cmp.right);
  bool cast_right = IsDateToTimestamp(*cmp.right) && IsTimestampConstant(*cmp.left);
  if (!cast_left && !cast_right)
    return nullptr;
  ComparisonType type = cast_left ? cmp.type : FlipComparison(cmp.type);
  auto& cast = (cast_left ? cmp.left : cmp.right)->Cast<BoundCastExpression>();
  int64_t micros =
      (cast_left ? cmp.right : cmp.left)->Cast<BoundConstantExpression>().value.GetInt64();
  int64_t day = micros / Timestamp::kMicrosPerDay;
  if (micros % Timestamp::kMicrosPerDay < 0)
    day--;
  bool midnight = day * Timestamp::kMicrosPerDay == micros;
  // Far from the special values (infinity) and within DATE's range.
  if (day <= std::numeric_limits<int32_t>::min() / 2 ||
      day >= std::numeric_limits<int32_t>::max() / 2)
    return nullptr;
  switch (type) {
    case ComparisonType::kLessThan:
      if (!midnight)
        type = ComparisonType::kLessThanOrEqual;
      break;
    case ComparisonType::kGreaterThanOrEqual:
      if (!midnight)
        type = ComparisonType::kGreaterThan;
      break;
    case ComparisonType::kLessThanOrEqual:
    case ComparisonType::kGreaterThan:
      break;
    case ComparisonType::kEqual:
    case ComparisonType::kNotEqual:
      if (!midnight)
        return nullptr;
      break;
    default:
      return nullptr;
  }
  auto constant = std::make_unique<BoundConstantExpression>(Value::Date(static_cast<int32_t>(day)));
  auto result =
      std::make_unique<BoundComparisonExpression>(type, std::move(cast.child), std::move(constant));
  result->alias = cmp.alias;
  return result;
}

}  // namespace

ExpressionPtr FoldConstants(ExpressionPtr expr) {
  if (expr->expression_class == ExpressionClass::kConstant)
    return expr;
  if (expr->IsFoldable()) {
    try {
      auto folded =
          std::make_unique<BoundConstantExpression>(ExpressionExecutor::EvaluateConstant(*expr));
      folded->alias = expr->alias;
      if (folded->return_type == expr->return_type)
        return folded;
    } catch (const Exception&) {
      // Leave it: the error is raised only if a row actually evaluates it.
    }
    return expr;
  }
  expr->ForEachChild([](ExpressionPtr& child) { child = FoldConstants(std::move(child)); });
  if (expr->expression_class == ExpressionClass::kComparison) {
    if (auto rewritten = DateComparison(expr->Cast<BoundComparisonExpression>()))
      return rewritten;
  }
  return expr;
}

void FoldConstants(LogicalOperator& op) {
  for (auto& child : op.children)
    FoldConstants(*child);
  for (auto& e : op.expressions)
    e = FoldConstants(std::move(e));
  switch (op.type) {
    case LogicalOperatorType::kAggregate:
      for (auto& g : op.Cast<LogicalAggregate>().groups)
        g = FoldConstants(std::move(g));
      break;
    case LogicalOperatorType::kJoin: {
      auto& join = op.Cast<LogicalJoin>();
      for (auto& c : join.conditions) {
        c.left = FoldConstants(std::move(c.left));
        c.right = FoldConstants(std::move(c.right));
      }
      if (join.residual)
        join.residual = FoldConstants(std::move(join.residual));
      break;
    }
    case LogicalOperatorType::kOrder:
      for (auto& o : op.Cast<LogicalOrder>().orders)
        o.expression = FoldConstants(std::move(o.expression));
      break;
    case LogicalOperatorType::kExpressionGet:
      for (auto& row : op.Cast<LogicalExpressionGet>().values) {
        for (auto& v : row)
          v = FoldConstants(std::move(v));
      }
      break;
    default:
      break;
  }
}

}  // namespace tributary
