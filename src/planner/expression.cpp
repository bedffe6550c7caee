#include "planner/expression.h"

#include <functional>

#include "common/exception.h"
#include "planner/expression/bound_aggregate_expression.h"
#include "planner/expression/bound_case_expression.h"
#include "planner/expression/bound_cast_expression.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_conjunction_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/expression/bound_function_expression.h"
#include "planner/expression/bound_operator_expression.h"
#include "planner/expression/bound_parameter_expression.h"
#include "planner/expression/bound_reference_expression.h"
#include "planner/expression/bound_subquery_expression.h"

namespace tributary {

namespace {

bool ChildrenEqual(const std::vector<ExpressionPtr>& a, const std::vector<ExpressionPtr>& b) {
  if (a.size() != b.size())
    return false;
  for (idx_t i = 0; i < a.size(); i++) {
    if (!a[i]->Equals(*b[i]))
      return false;
  }
  return true;
}

std::vector<ExpressionPtr> CopyChildren(const std::vector<ExpressionPtr>& children) {
  std::vector<ExpressionPtr> result;
  result.reserve(children.size());
  for (auto& c : children)
    result.push_back(c->Copy());
  return result;
}

std::string JoinChildren(const std::vector<ExpressionPtr>& children, const char* sep) {
  std::string result;
  for (idx_t i = 0; i < children.size(); i++) {
    if (i > 0)
      result += sep;
    result += children[i]->ToString();
  }
  return result;
}

template <class T>
std::unique_ptr<T> WithAlias(std::unique_ptr<T> copy, const Expression& original) {
  copy->alias = original.alias;
  return copy;
}

}  // namespace

bool Expression::Equals(const Expression& other) const {
  return expression_class == other.expression_class && return_type == other.return_type;
}

hash_t Expression::Hash() const {
  hash_t h = std::hash<std::string>()(ToString());
  return h;
}

void Expression::ForEachChild(const std::function<void(const Expression&)>& fn) const {
  const_cast<Expression*>(this)->ForEachChild(
      std::function<void(ExpressionPtr&)>([&](ExpressionPtr& child) { fn(*child); }));
}

bool Expression::IsFoldable() const {
  if (IsVolatile())
    return false;
  switch (expression_class) {
    case ExpressionClass::kColumnRef:
    case ExpressionClass::kReference:
    case ExpressionClass::kParameter:
    case ExpressionClass::kAggregate:
    case ExpressionClass::kWindow:
    case ExpressionClass::kSubquery:
      return false;
    default:
      break;
  }
  bool foldable = true;
  ForEachChild([&](const Expression& child) { foldable = foldable && child.IsFoldable(); });
  return foldable;
}

namespace {
bool AnyOfClass(const Expression& expr, ExpressionClass klass) {
  if (expr.expression_class == klass)
    return true;
  bool found = false;
  expr.ForEachChild([&](const Expression& child) { found = found || AnyOfClass(child, klass); });
  return found;
}
}  // namespace

bool Expression::HasAggregate() const {
  return AnyOfClass(*this, ExpressionClass::kAggregate);
}
bool Expression::HasWindow() const {
  return AnyOfClass(*this, ExpressionClass::kWindow);
}
bool Expression::HasSubquery() const {
  return AnyOfClass(*this, ExpressionClass::kSubquery);
}

// --- column ref / reference -------------------------------------------------

std::string BoundColumnRefExpression::ToString() const {
  return alias.empty() ? binding.ToString() : alias;
}
std::unique_ptr<Expression> BoundColumnRefExpression::Copy() const {
  return WithAlias(std::make_unique<BoundColumnRefExpression>(return_type, binding, depth), *this);
}
bool BoundColumnRefExpression::Equals(const Expression& other) const {
  if (!Expression::Equals(other))
    return false;
  auto& o = other.Cast<BoundColumnRefExpression>();
  return binding == o.binding && depth == o.depth;
}
hash_t BoundColumnRefExpression::Hash() const {
  return ColumnBindingHash()(binding) ^ (depth * 0x9E3779B97F4A7C15ULL);
}

std::string BoundReferenceExpression::ToString() const {
  return alias.empty() ? "#" + std::to_string(index) : alias;
}
std::unique_ptr<Expression> BoundReferenceExpression::Copy() const {
  return WithAlias(std::make_unique<BoundReferenceExpression>(return_type, index), *this);
}
bool BoundReferenceExpression::Equals(const Expression& other) const {
  return Expression::Equals(other) && index == other.Cast<BoundReferenceExpression>().index;
}

// --- constant / parameter ---------------------------------------------------

std::string BoundConstantExpression::ToString() const {
  if (value.IsNull())
    return "NULL";
  if (value.type().IsString() || value.type().IsTemporal()) {
    std::string s = "'";
    for (char c : value.ToString()) {
      if (c == '\'')
        s += '\'';
      s += c;
    }
    return s + "'";
  }
  return value.ToString();
}
std::unique_ptr<Expression> BoundConstantExpression::Copy() const {
  auto copy = std::make_unique<BoundConstantExpression>(value);
  copy->is_unknown_literal = is_unknown_literal;
  return WithAlias(std::move(copy), *this);
}
bool BoundConstantExpression::Equals(const Expression& other) const {
  return Expression::Equals(other) && value == other.Cast<BoundConstantExpression>().value;
}

std::unique_ptr<Expression> BoundParameterExpression::Copy() const {
  return WithAlias(std::make_unique<BoundParameterExpression>(return_type, index), *this);
}

// --- function ----------------------------------------------------------------

std::string BoundFunctionExpression::ToString() const {
  if (is_operator) {
    if (children.size() == 1)
      return "(" + function.name + children[0]->ToString() + ")";
    if (children.size() == 2) {
      return "(" + children[0]->ToString() + " " + function.name + " " + children[1]->ToString() +
             ")";
    }
  }
  return function.name + "(" + JoinChildren(children, ", ") + ")";
}
std::unique_ptr<Expression> BoundFunctionExpression::Copy() const {
  auto copy = std::make_unique<BoundFunctionExpression>(
      function, CopyChildren(children), bind_data ? bind_data->Copy() : nullptr, is_operator);
  copy->return_type = return_type;
  return WithAlias(std::move(copy), *this);
}
bool BoundFunctionExpression::Equals(const Expression& other) const {
  if (!Expression::Equals(other))
    return false;
  auto& o = other.Cast<BoundFunctionExpression>();
  return function.name == o.function.name && function.function == o.function.function &&
         ChildrenEqual(children, o.children);
}

// --- cast ----------------------------------------------------------------------

std::string BoundCastExpression::ToString() const {
  return "CAST(" + child->ToString() + " AS " + return_type.ToString() + ")";
}
std::unique_ptr<Expression> BoundCastExpression::Copy() const {
  return WithAlias(std::make_unique<BoundCastExpression>(child->Copy(), return_type), *this);
}
bool BoundCastExpression::Equals(const Expression& other) const {
  return Expression::Equals(other) && child->Equals(*other.Cast<BoundCastExpression>().child);
}
ExpressionPtr BoundCastExpression::AddCast(ExpressionPtr expr, const LogicalType& target) {
  if (expr->return_type == target)
    return expr;
  std::string alias = expr->alias;
  auto cast = std::make_unique<BoundCastExpression>(std::move(expr), target);
  cast->alias = alias;
  return cast;
}

// --- comparison ------------------------------------------------------------------

const char* ComparisonTypeToString(ComparisonType type) {
  switch (type) {
    case ComparisonType::kEqual:
      return "=";
    case ComparisonType::kNotEqual:
      return "<>";
    case ComparisonType::kLessThan:
      return "<";
    case ComparisonType::kLessThanOrEqual:
      return "<=";
    case ComparisonType::kGreaterThan:
      return ">";
    case ComparisonType::kGreaterThanOrEqual:
      return ">=";
    case ComparisonType::kDistinctFrom:
      return "IS DISTINCT FROM";
    case ComparisonType::kNotDistinctFrom:
      return "IS NOT DISTINCT FROM";
  }
  return "?";
}

ConstantOnRight::ConstantOnRight(const BoundComparisonExpression& cmp)
    : column(cmp.left.get()), constant(cmp.right.get()), type(cmp.type) {
  if (column->expression_class == ExpressionClass::kConstant) {
    std::swap(column, constant);
    type = FlipComparison(type);
  }
}

ComparisonType FlipComparison(ComparisonType type) {
  switch (type) {
    case ComparisonType::kLessThan:
      return ComparisonType::kGreaterThan;
    case ComparisonType::kLessThanOrEqual:
      return ComparisonType::kGreaterThanOrEqual;
    case ComparisonType::kGreaterThan:
      return ComparisonType::kLessThan;
    case ComparisonType::kGreaterThanOrEqual:
      return ComparisonType::kLessThanOrEqual;
    default:
      return type;
  }
}

ComparisonType NegateComparison(ComparisonType type) {
  switch (type) {
    case ComparisonType::kEqual:
      return ComparisonType::kNotEqual;
    case ComparisonType::kNotEqual:
      return ComparisonType::kEqual;
    case ComparisonType::kLessThan:
      return ComparisonType::kGreaterThanOrEqual;
    case ComparisonType::kLessThanOrEqual:
      return ComparisonType::kGreaterThan;
    case ComparisonType::kGreaterThan:
      return ComparisonType::kLessThanOrEqual;
    case ComparisonType::kGreaterThanOrEqual:
      return ComparisonType::kLessThan;
    case ComparisonType::kDistinctFrom:
      return ComparisonType::kNotDistinctFrom;
    case ComparisonType::kNotDistinctFrom:
      return ComparisonType::kDistinctFrom;
  }
  return type;
}

std::string BoundComparisonExpression::ToString() const {
  return "(" + left->ToString() + " " + ComparisonTypeToString(type) + " " + right->ToString() +
         ")";
}
std::unique_ptr<Expression> BoundComparisonExpression::Copy() const {
  return WithAlias(std::make_unique<BoundComparisonExpression>(type, left->Copy(), right->Copy()),
                   *this);
}
bool BoundComparisonExpression::Equals(const Expression& other) const {
  if (!Expression::Equals(other))
    return false;
  auto& o = other.Cast<BoundComparisonExpression>();
  return type == o.type && left->Equals(*o.left) && right->Equals(*o.right);
}

// --- conjunction -------------------------------------------------------------------

std::string BoundConjunctionExpression::ToString() const {
  return "(" + JoinChildren(children, type == ConjunctionType::kAnd ? " AND " : " OR ") + ")";
}
std::unique_ptr<Expression> BoundConjunctionExpression::Copy() const {
  return WithAlias(std::make_unique<BoundConjunctionExpression>(type, CopyChildren(children)),
                   *this);
}
bool BoundConjunctionExpression::Equals(const Expression& other) const {
  if (!Expression::Equals(other))
    return false;
  auto& o = other.Cast<BoundConjunctionExpression>();
  return type == o.type && ChildrenEqual(children, o.children);
}

// --- operator ------------------------------------------------------------------------

std::string BoundOperatorExpression::ToString() const {
  switch (type) {
    case OperatorType::kNot:
      return "(NOT " + children[0]->ToString() + ")";
    case OperatorType::kIsNull:
      return "(" + children[0]->ToString() + " IS NULL)";
    case OperatorType::kIsNotNull:
      return "(" + children[0]->ToString() + " IS NOT NULL)";
    case OperatorType::kIn:
    case OperatorType::kNotIn: {
      std::string list;
      for (idx_t i = 1; i < children.size(); i++) {
        if (i > 1)
          list += ", ";
        list += children[i]->ToString();
      }
      return "(" + children[0]->ToString() + (type == OperatorType::kIn ? " IN (" : " NOT IN (") +
             list + "))";
    }
    case OperatorType::kCoalesce:
      return "COALESCE(" + JoinChildren(children, ", ") + ")";
  }
  return "?";
}
std::unique_ptr<Expression> BoundOperatorExpression::Copy() const {
  return WithAlias(
      std::make_unique<BoundOperatorExpression>(type, return_type, CopyChildren(children)), *this);
}
bool BoundOperatorExpression::Equals(const Expression& other) const {
  if (!Expression::Equals(other))
    return false;
  auto& o = other.Cast<BoundOperatorExpression>();
  return type == o.type && ChildrenEqual(children, o.children);
}

// --- case ------------------------------------------------------------------------------

std::string BoundCaseExpression::ToString() const {
  std::string s = "CASE";
  for (auto& c : checks) {
    s += " WHEN " + c.when_expr->ToString() + " THEN " + c.then_expr->ToString();
  }
  return s + " ELSE " + else_expr->ToString() + " END";
}
std::unique_ptr<Expression> BoundCaseExpression::Copy() const {
  std::vector<BoundCaseCheck> copies;
  for (auto& c : checks)
    copies.push_back({c.when_expr->Copy(), c.then_expr->Copy()});
  return WithAlias(
      std::make_unique<BoundCaseExpression>(return_type, std::move(copies), else_expr->Copy()),
      *this);
}
bool BoundCaseExpression::Equals(const Expression& other) const {
  if (!Expression::Equals(other))
    return false;
  auto& o = other.Cast<BoundCaseExpression>();
  if (checks.size() != o.checks.size() || !else_expr->Equals(*o.else_expr))
    return false;
  for (idx_t i = 0; i < checks.size(); i++) {
    if (!checks[i].when_expr->Equals(*o.checks[i].when_expr) ||
        !checks[i].then_expr->Equals(*o.checks[i].then_expr)) {
      return false;
    }
  }
  return true;
}

// --- aggregate ---------------------------------------------------------------------------

std::string BoundAggregateExpression::ToString() const {
  std::string s =
      function.name + "(" + (distinct ? "DISTINCT " : "") +
      (children.empty() && function.name == "count" ? "*" : JoinChildren(children, ", ")) + ")";
  if (filter)
    s += " FILTER (WHERE " + filter->ToString() + ")";
  return s;
}
std::unique_ptr<Expression> BoundAggregateExpression::Copy() const {
  auto copy = std::make_unique<BoundAggregateExpression>(
      function, CopyChildren(children), bind_data ? bind_data->Copy() : nullptr, distinct);
  copy->return_type = return_type;
  if (filter)
    copy->filter = filter->Copy();
  return WithAlias(std::move(copy), *this);
}
bool BoundAggregateExpression::Equals(const Expression& other) const {
  if (!Expression::Equals(other))
    return false;
  auto& o = other.Cast<BoundAggregateExpression>();
  if (function.name != o.function.name || function.update != o.function.update ||
      distinct != o.distinct || !ChildrenEqual(children, o.children)) {
    return false;
  }
  if (!filter != !o.filter)
    return false;
  return !filter || filter->Equals(*o.filter);
}

// --- subquery -----------------------------------------------------------------

std::string BoundSubqueryExpression::ToString() const {
  switch (subquery_type) {
    case SubqueryType::kScalar:
      return "(SUBQUERY)";
    case SubqueryType::kExists:
      return "EXISTS(SUBQUERY)";
    case SubqueryType::kAny:
      return child->ToString() + " " + ComparisonTypeToString(comparison) + " ANY(SUBQUERY)";
  }
  return "(SUBQUERY)";
}
std::unique_ptr<Expression> BoundSubqueryExpression::Copy() const {
  throw InternalException("a subquery expression cannot be copied");
}

}  // namespace tributary
