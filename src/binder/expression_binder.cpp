#include "binder/expression_binder.h"

#include "main/database.h"
#include "security/access_control.h"

#include <algorithm>
#include <optional>

#include "binder/binder.h"
#include "common/exception.h"
#include "execution/expression_executor.h"
#include "function/function_registry.h"
#include "main/client_context.h"
#include "main/database.h"
#include "planner/expression/bound_aggregate_expression.h"
#include "planner/expression/bound_case_expression.h"
#include "planner/expression/bound_cast_expression.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_conjunction_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/expression/bound_function_expression.h"
#include "planner/expression/bound_operator_expression.h"
#include "planner/expression/bound_subquery_expression.h"
#include "security/access_control.h"
#include "types/cast.h"

namespace tributary {

namespace {

// Implicit cast cost of passing `arg` where `param` is declared, or -1.
int64_t ArgumentCost(const Expression& arg, const LogicalType& param) {
  const auto& from = arg.return_type;
  if (ExpressionBinder::IsUnknownLiteral(arg)) {
    // An unknown literal is text first (CHAR-only overloads cost more).
    if (param.id() == LogicalTypeId::kChar && param.width() == 0)
      return 1;
    return param.IsString() ? 0 : 1;
  }
  if (from.id() == LogicalTypeId::kNull)
    return 0;
  if (from.id() == param.id()) {
    if (param.id() == LogicalTypeId::kDecimal && param.width() != 0 && from != param)
      return 1;
    return 0;
  }
  if (param.id() == LogicalTypeId::kVarchar && from.id() == LogicalTypeId::kChar)
    return 0;
  if (param.id() == LogicalTypeId::kDecimal && param.width() == 0) {
    if (!from.IsInteger())
      return -1;
    return ImplicitCastCost(from, LogicalType::Decimal(38, 0));
  }
  return ImplicitCastCost(from, param);
}

// The concrete type an argument is cast to for a declared parameter type.
LogicalType ConcreteParameter(const Expression& arg, const LogicalType& param) {
  // CHAR without a length accepts any CHAR(n) as it is.
  if (param.id() == LogicalTypeId::kChar && param.width() == 0 &&
      arg.return_type.id() == LogicalTypeId::kChar) {
    return arg.return_type;
  }
  if (param.id() == LogicalTypeId::kDecimal && param.width() == 0) {
    const auto& from = arg.return_type;
    if (from.id() == LogicalTypeId::kDecimal)
      return from;
    switch (from.id()) {
      case LogicalTypeId::kSmallInt:
        return LogicalType::Decimal(5, 0);
      case LogicalTypeId::kInteger:
        return LogicalType::Decimal(10, 0);
      case LogicalTypeId::kBigInt:
        return LogicalType::Decimal(19, 0);
      default:
        return LogicalType::Decimal(18, 3);
    }
  }
  if (param.id() == LogicalTypeId::kVarchar && arg.return_type.id() == LogicalTypeId::kVarchar) {
    return arg.return_type;
  }
  return param;
}

std::string TypeListString(const std::vector<ExpressionPtr>& args) {
  std::string s;
  for (idx_t i = 0; i < args.size(); i++) {
    if (i)
      s += ", ";
    s += ExpressionBinder::IsUnknownLiteral(*args[i]) ? "unknown" : args[i]->return_type.ToString();
  }
  return s;
}

ExpressionPtr MakeConstant(Value v) {
  return std::make_unique<BoundConstantExpression>(std::move(v));
}

std::optional<ComparisonType> ComparisonFromOperator(const std::string& op) {
  if (op == "=")
    return ComparisonType::kEqual;
  if (op == "<>" || op == "!=")
    return ComparisonType::kNotEqual;
  if (op == "<")
    return ComparisonType::kLessThan;
  if (op == "<=")
    return ComparisonType::kLessThanOrEqual;
  if (op == ">")
    return ComparisonType::kGreaterThan;
  if (op == ">=")
    return ComparisonType::kGreaterThanOrEqual;
  if (op == "IS DISTINCT FROM")
    return ComparisonType::kDistinctFrom;
  if (op == "IS NOT DISTINCT FROM")
    return ComparisonType::kNotDistinctFrom;
  return std::nullopt;
}

}  // namespace

ExpressionBinder::ExpressionBinder(Binder& binder, const BindContext& context, const char* clause)
    : binder_(binder), context_(context), clause_(clause) {}

void ExpressionBinder::AllowWindows(std::vector<ExpressionPtr>* windows, idx_t window_index,
                                    const std::vector<std::pair<std::string, WindowSpec>>* named) {
  windows_ = windows;
  window_index_ = window_index;
  named_windows_ = named;
}

void ExpressionBinder::AllowAggregates(std::vector<ExpressionPtr>* aggregates,
                                       idx_t aggregate_index) {
  aggregates_ = aggregates;
  aggregate_index_ = aggregate_index;
}

bool ExpressionBinder::IsUnknownLiteral(const Expression& expr) {
  return expr.expression_class == ExpressionClass::kConstant &&
         expr.Cast<BoundConstantExpression>().is_unknown_literal;
}

ExpressionPtr ExpressionBinder::Coerce(ExpressionPtr expr, const LogicalType& target) {
  // Only a constant is folded here: COALESCE(NULL, NULL) and CASE ... THEN
  // NULL are typed NULL too, but are operators, cast when they run.
  if (expr->expression_class == ExpressionClass::kConstant &&
      (IsUnknownLiteral(*expr) || expr->return_type.id() == LogicalTypeId::kNull)) {
    auto& constant = expr->Cast<BoundConstantExpression>();
    auto result = MakeConstant(constant.value.IsNull() ? Value::Null(target)
                                                       : CastValue(constant.value, target));
    result->alias = expr->alias;
    return result;
  }
  return BoundCastExpression::AddCast(std::move(expr), target);
}

// A literal compared with a CHAR value compares as CHAR does in
// PostgreSQL: trailing blanks are insignificant on both sides (the CHAR
// side loses them when cast to VARCHAR).
ExpressionPtr ExpressionBinder::TrimTrailingBlanks(ExpressionPtr expr) {
  if (!IsUnknownLiteral(*expr))
    return expr;
  auto& constant = expr->Cast<BoundConstantExpression>();
  if (constant.value.IsNull())
    return expr;
  std::string text = constant.value.GetString();
  text.erase(text.find_last_not_of(' ') + 1);
  auto result = MakeConstant(Value::Varchar(text));
  result->Cast<BoundConstantExpression>().is_unknown_literal = true;
  result->alias = expr->alias;
  return result;
}

ExpressionPtr ExpressionBinder::ResolveUnknown(ExpressionPtr expr) {
  if (IsUnknownLiteral(*expr) || expr->return_type.id() == LogicalTypeId::kNull) {
    return Coerce(std::move(expr), LogicalType::Varchar());
  }
  return expr;
}

LogicalType ExpressionBinder::CommonType(const std::vector<const Expression*>& exprs,
                                         const char* construct) {
  LogicalType result = LogicalTypeId::kNull;
  bool any_known = false;
  for (auto* e : exprs) {
    if (IsUnknownLiteral(*e) || e->return_type.id() == LogicalTypeId::kNull)
      continue;
    if (!any_known) {
      result = e->return_type;
      any_known = true;
    } else {
      result = CommonSupertype(result, e->return_type, construct);
    }
  }
  if (!any_known) {
    bool any_unknown = std::any_of(exprs.begin(), exprs.end(),
                                   [](const Expression* e) { return IsUnknownLiteral(*e); });
    return any_unknown ? LogicalType::Varchar() : LogicalType(LogicalTypeId::kNull);
  }
  if (result.id() == LogicalTypeId::kChar) {
    // CHAR values of different lengths meet as VARCHAR, as in PostgreSQL.
    for (auto* e : exprs) {
      if (e->return_type.id() == LogicalTypeId::kChar && e->return_type != result) {
        return LogicalType::Varchar();
      }
    }
  }
  return result;
}

ExpressionPtr ExpressionBinder::Bind(ParsedExpression& expr) {
  ExpressionPtr result;
  switch (expr.expression_class) {
    case ExpressionClass::kColumnRef:
      result = BindColumnRef(expr.Cast<ColumnRefExpression>());
      break;
    case ExpressionClass::kConstant:
      result = BindConstant(expr.Cast<ConstantExpression>());
      break;
    case ExpressionClass::kFunction:
      result = BindFunction(expr.Cast<FunctionExpression>());
      break;
    case ExpressionClass::kOperator:
      result = BindOperator(expr.Cast<OperatorExpression>());
      break;
    case ExpressionClass::kConjunction:
      result = BindConjunction(expr.Cast<ConjunctionExpression>());
      break;
    case ExpressionClass::kNot: {
      auto child = RequireBoolean(Bind(*expr.Cast<NotExpression>().child), "NOT");
      std::vector<ExpressionPtr> children;
      children.push_back(std::move(child));
      result = std::make_unique<BoundOperatorExpression>(
          OperatorType::kNot, LogicalTypeId::kBoolean, std::move(children));
      break;
    }
    case ExpressionClass::kCast:
      result = BindCast(expr.Cast<CastExpression>());
      break;
    case ExpressionClass::kCase:
      result = BindCase(expr.Cast<CaseExpression>());
      break;
    case ExpressionClass::kNullTest: {
      auto& test = expr.Cast<NullTestExpression>();
      std::vector<ExpressionPtr> children;
      children.push_back(ResolveUnknown(Bind(*test.child)));
      result = std::make_unique<BoundOperatorExpression>(
          test.is_not_null ? OperatorType::kIsNotNull : OperatorType::kIsNull,
          LogicalTypeId::kBoolean, std::move(children));
      break;
    }
    case ExpressionClass::kBooleanTest:
      result = BindBooleanTest(expr.Cast<BooleanTestExpression>());
      break;
    case ExpressionClass::kBetween:
      result = BindBetween(expr.Cast<BetweenExpression>());
      break;
    case ExpressionClass::kInList:
      result = BindInList(expr.Cast<InListExpression>());
      break;
    case ExpressionClass::kCollate: {
      auto& collate = expr.Cast<CollateExpression>();
      if (collate.collation != "C" && collate.collation != "c" && collate.collation != "default" &&
          collate.collation != "POSIX") {
        throw Exception(sqlstate::kFeatureNotSupported,
                        "collation \"" + collate.collation + "\" is not supported")
            .WithHint("Tributary compares strings byte-wise, like COLLATE \"C\".")
            .WithPosition(expr.location);
      }
      result = Bind(*collate.child);
      break;
    }
    case ExpressionClass::kStar:
      throw Exception(sqlstate::kSyntaxError, "\"*\" is not allowed here")
          .WithPosition(expr.location);
    case ExpressionClass::kSubquery:
      result = BindSubquery(expr.Cast<SubqueryExpression>());
      break;
    case ExpressionClass::kParameter: {
      // A bound value is a literal: typed when the client gave its type,
      // otherwise an unknown literal that takes its context's type.
      auto index = expr.Cast<ParameterExpression>().index;
      auto& parameters = binder_.context().parameters;
      if (index < 1 || static_cast<size_t>(index) > parameters.size()) {
        throw Exception("42P02", "there is no parameter $" + std::to_string(index))
            .WithPosition(expr.location);
      }
      auto& parameter = parameters[index - 1];
      ConstantExpression constant(parameter.value);
      constant.is_unknown_literal = parameter.untyped && !parameter.value.IsNull();
      constant.location = expr.location;
      result = BindConstant(constant);
      break;
    }
    case ExpressionClass::kDefault:
      throw Exception(sqlstate::kSyntaxError, "DEFAULT is not allowed in this context")
          .WithPosition(expr.location);
    default:
      throw Exception(sqlstate::kFeatureNotSupported,
                      "expression is not supported: " + expr.ToString())
          .WithPosition(expr.location);
  }
  return result;
}

ExpressionPtr ExpressionBinder::RequireBoolean(ExpressionPtr expr, const char* what) {
  if (IsUnknownLiteral(*expr) || expr->return_type.id() == LogicalTypeId::kNull) {
    return Coerce(std::move(expr), LogicalTypeId::kBoolean);
  }
  if (expr->return_type.id() != LogicalTypeId::kBoolean) {
    throw Exception(sqlstate::kDatatypeMismatch, std::string("argument of ") + what +
                                                     " must be type boolean, not type " +
                                                     expr->return_type.ToString());
  }
  return expr;
}

ExpressionPtr ExpressionBinder::BindPredicate(ParsedExpression& expr, const char* what) {
  return RequireBoolean(Bind(expr), what ? what : clause_);
}

namespace {

void SetDepth(Expression& expr, idx_t depth) {
  if (expr.expression_class == ExpressionClass::kColumnRef) {
    expr.Cast<BoundColumnRefExpression>().depth = depth;
    return;
  }
  expr.ForEachChild([&](ExpressionPtr& child) { SetDepth(*child, depth); });
}

bool IsUnresolvedName(const Exception& e) {
  return e.SqlState() == sqlstate::kUndefinedColumn || e.SqlState() == sqlstate::kUndefinedTable;
}

}  // namespace

ExpressionPtr ExpressionBinder::BindColumnRef(ColumnRefExpression& expr) {
  try {
    return context_.Resolve(expr.names, expr.location);
  } catch (const Exception& e) {
    if (!IsUnresolvedName(e))
      throw;
    // A subquery sees the columns of the queries around it; the reference
    // records how many levels up it points (its depth).
    idx_t depth = 0;
    for (Binder* b = &binder_; b->parent_; b = b->parent_) {
      if (!b->is_subquery_expression_)
        continue;
      depth++;
      try {
        auto result = b->parent_->bind_context_.Resolve(expr.names, expr.location);
        SetDepth(*result, depth);
        return result;
      } catch (const Exception& outer) {
        if (!IsUnresolvedName(outer))
          throw;
      }
    }
    // Redshift's SYSDATE is written without parentheses; a column of that
    // name wins.
    if (expr.names.size() == 1 && expr.names[0] == "sysdate")
      return BindScalarCall("sysdate", {}, false, expr.location);
    throw;
  }
}

ExpressionPtr ExpressionBinder::BindSubquery(SubqueryExpression& expr) {
  if (!subqueries_allowed_) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    std::string("subqueries in ") + clause_ + " are not supported yet")
        .WithPosition(expr.location);
  }
  Binder child(binder_.context(), &binder_);
  child.is_subquery_expression_ = true;
  child.outer_expression_binder_ = this;
  auto bound = child.BindSelect(*expr.subquery);
  auto bindings = bound.plan->GetColumnBindings();
  using Parsed = SubqueryExpression::SubqueryType;
  if (expr.subquery_type == Parsed::kExists) {
    return std::make_unique<BoundSubqueryExpression>(SubqueryType::kExists, LogicalTypeId::kBoolean,
                                                     std::move(bound.plan));
  }
  if (expr.subquery_type == Parsed::kScalar) {
    if (bound.types.size() != 1) {
      throw Exception(sqlstate::kSyntaxError, "subquery must return only one column")
          .WithPosition(expr.location);
    }
    return std::make_unique<BoundSubqueryExpression>(SubqueryType::kScalar, bound.types[0],
                                                     std::move(bound.plan));
  }
  if (bound.types.size() != 1) {
    throw Exception(sqlstate::kSyntaxError, bound.types.size() > 1 ? "subquery has too many columns"
                                                                   : "subquery has too few columns")
        .WithPosition(expr.location);
  }
  // x op ALL (S) is NOT (x negated-op ANY (S)): both are TRUE, FALSE or
  // NULL in the same cases.
  bool all = expr.subquery_type == Parsed::kAll;
  auto comparison = ComparisonFromOperator(expr.comparison_op);
  if (!comparison || *comparison == ComparisonType::kDistinctFrom ||
      *comparison == ComparisonType::kNotDistinctFrom) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "operator " + expr.comparison_op + " is not supported with ANY/ALL subqueries")
        .WithPosition(expr.location);
  }
  std::string op = expr.comparison_op;
  if (all) {
    op = ComparisonTypeToString(NegateComparison(*comparison));
  }
  auto left = Bind(*expr.child);
  ExpressionPtr right = std::make_unique<BoundColumnRefExpression>(bound.types[0], bindings[0]);
  auto compared = BindComparison(op, std::move(left), std::move(right), expr.location);
  auto& cmp = compared->Cast<BoundComparisonExpression>();
  auto result = std::make_unique<BoundSubqueryExpression>(
      SubqueryType::kAny, LogicalTypeId::kBoolean, std::move(bound.plan));
  result->child = std::move(cmp.left);
  result->subquery_value = std::move(cmp.right);
  result->comparison = cmp.type;
  if (!all)
    return result;
  std::vector<ExpressionPtr> children;
  children.push_back(std::move(result));
  return std::make_unique<BoundOperatorExpression>(OperatorType::kNot, LogicalTypeId::kBoolean,
                                                   std::move(children));
}

ExpressionPtr ExpressionBinder::BindConstant(ConstantExpression& expr) {
  auto result = MakeConstant(expr.value);
  result->Cast<BoundConstantExpression>().is_unknown_literal = expr.is_unknown_literal;
  return result;
}

ExpressionPtr ExpressionBinder::BindCast(CastExpression& expr) {
  if (expr.catalog_type.empty() && expr.target.IsString() &&
      expr.child->expression_class == ExpressionClass::kCast &&
      !expr.child->Cast<CastExpression>().catalog_type.empty()) {
    // 'name'::regclass::text is the relation's name as PostgreSQL prints it.
    auto& inner = expr.child->Cast<CastExpression>();
    auto bound = Bind(inner);
    if (bound->return_type.id() == LogicalTypeId::kInteger)
      bound = BindCatalogCast(inner, std::move(bound));
    return Coerce(std::move(bound), expr.target);
  }
  auto child = Bind(*expr.child);
  if (!expr.catalog_type.empty())
    return BindCatalogCast(expr, std::move(child));
  LogicalType target = expr.target;
  if (expr.unconstrained_numeric) {
    // NUMERIC without a typmod keeps the digits it is given: decimals keep
    // their type, integers become exact decimals, anything else gets 38
    // digits with 10 after the point.
    const auto& from = child->return_type;
    if (from.id() == LogicalTypeId::kDecimal) {
      target = from;
    } else if (from.IsInteger()) {
      target = ConcreteParameter(*child, LogicalType(LogicalTypeId::kDecimal));
    } else {
      target = LogicalType::Decimal(38, 10);
    }
  }
  return Coerce(std::move(child), target);
}

ExpressionPtr ExpressionBinder::BindConjunction(ConjunctionExpression& expr) {
  bool is_and = expr.type == ConjunctionExpression::Type::kAnd;
  std::vector<ExpressionPtr> children;
  for (auto& c : expr.children)
    children.push_back(RequireBoolean(Bind(*c), is_and ? "AND" : "OR"));
  return std::make_unique<BoundConjunctionExpression>(
      is_and ? ConjunctionType::kAnd : ConjunctionType::kOr, std::move(children));
}

ExpressionPtr ExpressionBinder::BindComparison(const std::string& op, ExpressionPtr left,
                                               ExpressionPtr right, int location) {
  auto type = *ComparisonFromOperator(op);
  LogicalType common;
  if (IsUnknownLiteral(*left) && !IsUnknownLiteral(*right) &&
      right->return_type.id() != LogicalTypeId::kNull) {
    common = right->return_type;
    if (common.id() == LogicalTypeId::kChar) {
      common = LogicalType::Varchar();
      left = TrimTrailingBlanks(std::move(left));
    }
  } else if (IsUnknownLiteral(*right) && !IsUnknownLiteral(*left) &&
             left->return_type.id() != LogicalTypeId::kNull) {
    common = left->return_type;
    if (common.id() == LogicalTypeId::kChar) {
      common = LogicalType::Varchar();
      right = TrimTrailingBlanks(std::move(right));
    }
  } else {
    try {
      common = CommonType({left.get(), right.get()}, "comparison");
    } catch (const Exception&) {
      throw Exception(sqlstate::kUndefinedFunction,
                      "operator does not exist: " + left->return_type.ToString() + " " + op + " " +
                          right->return_type.ToString())
          .WithHint(
              "No operator matches the given name and argument types. You might need to "
              "add explicit type casts.")
          .WithPosition(location);
    }
    if (common.id() == LogicalTypeId::kNull)
      common = LogicalTypeId::kBoolean;
    if (common.IsString() && left->return_type != right->return_type) {
      common = LogicalType::Varchar();
    }
  }
  // Literal against a CHAR column: compare without trailing blanks.
  if (common.id() == LogicalTypeId::kChar &&
      (IsUnknownLiteral(*left) || IsUnknownLiteral(*right))) {
    common = LogicalType::Varchar();
  }
  left = Coerce(std::move(left), common);
  right = Coerce(std::move(right), common);
  return std::make_unique<BoundComparisonExpression>(type, std::move(left), std::move(right));
}

ExpressionPtr ExpressionBinder::BindOperator(OperatorExpression& expr) {
  if (ComparisonFromOperator(expr.op)) {
    auto left = Bind(*expr.left);
    auto right = Bind(*expr.right);
    return BindComparison(expr.op, std::move(left), std::move(right), expr.location);
  }
  std::vector<ExpressionPtr> args;
  if (expr.left)
    args.push_back(Bind(*expr.left));
  args.push_back(Bind(*expr.right));
  if (expr.op == "||") {
    // anything || text: non-string operands are converted to text.
    for (auto& a : args) {
      if (!IsUnknownLiteral(*a) && !a->return_type.IsString()) {
        a = Coerce(std::move(a), LogicalType::Varchar());
      }
    }
  }
  // Unary minus on a numeric literal folds into the literal.
  return BindScalarCall(expr.op, std::move(args), true, expr.location);
}

ExpressionPtr ExpressionBinder::BindScalarCall(const std::string& name,
                                               std::vector<ExpressionPtr> args, bool is_operator,
                                               int location) {
  auto* overloads = FunctionRegistry::BuiltIns().GetScalar(name);
  auto not_found = [&]() {
    if (is_operator) {
      std::string sig = args.size() == 1
                            ? name + " " + TypeListString(args)
                            : (IsUnknownLiteral(*args[0]) ? std::string("unknown")
                                                          : args[0]->return_type.ToString()) +
                                  " " + name + " " +
                                  (IsUnknownLiteral(*args[1]) ? std::string("unknown")
                                                              : args[1]->return_type.ToString());
      return Exception(sqlstate::kUndefinedFunction, "operator does not exist: " + sig)
          .WithHint(
              "No operator matches the given name and argument types. You might need to "
              "add explicit type casts.")
          .WithPosition(location);
    }
    return Exception(sqlstate::kUndefinedFunction,
                     "function " + name + "(" + TypeListString(args) + ") does not exist")
        .WithHint(
            "No function matches the given name and argument types. You might need to add "
            "explicit type casts.")
        .WithPosition(location);
  };
  if (!overloads)
    throw not_found();

  // When unknown literals meet typed arguments, prefer the overload where
  // the literal takes the other arguments' type (PostgreSQL's heuristic).
  LogicalType known_type = LogicalTypeId::kInvalid;
  for (auto& a : args) {
    if (!IsUnknownLiteral(*a) && a->return_type.id() != LogicalTypeId::kNull) {
      known_type = a->return_type;
      break;
    }
  }
  const ScalarFunction* best = nullptr;
  int64_t best_cost = -1;
  for (auto& candidate : *overloads) {
    bool varargs = candidate.varargs.id() != LogicalTypeId::kInvalid;
    if (args.size() < candidate.arguments.size() ||
        (!varargs && args.size() != candidate.arguments.size())) {
      continue;
    }
    int64_t cost = 0;
    for (idx_t i = 0; i < args.size() && cost >= 0; i++) {
      const auto& param =
          i < candidate.arguments.size() ? candidate.arguments[i] : candidate.varargs;
      int64_t c = ArgumentCost(*args[i], param);
      if (c < 0) {
        cost = -1;
      } else {
        if (IsUnknownLiteral(*args[i]) && known_type.id() != LogicalTypeId::kInvalid &&
            param.id() != known_type.id()) {
          c += 2;
        }
        cost += c;
      }
    }
    if (cost < 0)
      continue;
    if (!best || cost < best_cost) {
      best = &candidate;
      best_cost = cost;
    }
  }
  if (!best)
    throw not_found();

  ScalarFunction bound = *best;
  for (idx_t i = 0; i < args.size(); i++) {
    const auto& param = i < bound.arguments.size() ? bound.arguments[i] : bound.varargs;
    LogicalType target = ConcreteParameter(*args[i], param);
    if (param.id() == LogicalTypeId::kVarchar &&
        args[i]->return_type.id() == LogicalTypeId::kChar) {
      target = LogicalType::Varchar();
    }
    args[i] = Coerce(std::move(args[i]), target);
  }
  std::unique_ptr<FunctionData> bind_data;
  if (bound.bind)
    bind_data = bound.bind(bound, args);
  auto result = std::make_unique<BoundFunctionExpression>(bound, std::move(args),
                                                          std::move(bind_data), is_operator);
  result->return_type = bound.return_type;
  return result;
}

ExpressionPtr ExpressionBinder::BindFunction(FunctionExpression& expr) {
  const std::string& name = expr.name;
  if (expr.over)
    return BindWindow(expr);
  if (name == "grouping" && expr.schema.empty())
    return BindGrouping(expr);
  if (auto identity = BindSessionIdentity(expr))
    return identity;
  auto& registry = FunctionRegistry::BuiltIns();
  if (expr.is_star || registry.GetAggregate(name))
    return BindAggregate(expr);
  if (expr.distinct || expr.filter || !expr.order_by.empty()) {
    throw Exception(
        sqlstate::kWrongObjectType,
        std::string(expr.distinct ? "DISTINCT" : (expr.filter ? "FILTER" : "ORDER BY")) +
            " specified, but " + name + " is not an aggregate function")
        .WithPosition(expr.location);
  }
  if (name == "tributary_array_map" && expr.children.size() == 3)
    return BindArrayMap(expr);
  std::vector<ExpressionPtr> args;
  for (idx_t i = 0; i < expr.children.size(); i++) {
    auto& c = expr.children[i];
    // Redshift writes DATEADD/DATEDIFF/DATE_PART's date part as a bare word.
    if (i == 0 && (name == "dateadd" || name == "datediff" || name == "date_part") &&
        c->expression_class == ExpressionClass::kColumnRef) {
      auto& names = static_cast<ColumnRefExpression&>(*c).names;
      if (names.size() == 1) {
        args.push_back(MakeConstant(Value::Varchar(names[0])));
        continue;
      }
    }
    args.push_back(Bind(*c));
  }

  if (name == "coalesce" || name == "nvl") {
    // Redshift's NVL is COALESCE under another name (any number of arguments).
    std::vector<const Expression*> raw;
    for (auto& a : args)
      raw.push_back(a.get());
    LogicalType type = CommonType(raw, name == "nvl" ? "NVL" : "COALESCE");
    for (auto& a : args)
      a = Coerce(std::move(a), type);
    return std::make_unique<BoundOperatorExpression>(OperatorType::kCoalesce, type,
                                                     std::move(args));
  }
  if (name == "nullif" && args.size() == 2) {
    // NULLIF(a, b) = CASE WHEN a = b THEN NULL ELSE a END
    auto a_copy = args[0]->Copy();
    auto condition = BindComparison("=", std::move(args[0]), std::move(args[1]), expr.location);
    auto& cmp = condition->Cast<BoundComparisonExpression>();
    LogicalType type = cmp.left->return_type;
    std::vector<BoundCaseCheck> checks;
    checks.push_back({std::move(condition), MakeConstant(Value::Null(type))});
    return std::make_unique<BoundCaseExpression>(type, std::move(checks),
                                                 Coerce(std::move(a_copy), type));
  }
  if (name == "nvl2" && args.size() == 3) {
    // NVL2(e, a, b) = CASE WHEN e IS NOT NULL THEN a ELSE b END
    LogicalType type = CommonType({args[1].get(), args[2].get()}, "NVL2");
    if (type.id() == LogicalTypeId::kNull)
      type = LogicalType::Varchar();
    std::vector<ExpressionPtr> tested;
    tested.push_back(std::move(args[0]));
    std::vector<BoundCaseCheck> checks;
    checks.push_back({std::make_unique<BoundOperatorExpression>(
                          OperatorType::kIsNotNull, LogicalTypeId::kBoolean, std::move(tested)),
                      Coerce(std::move(args[1]), type)});
    return std::make_unique<BoundCaseExpression>(type, std::move(checks),
                                                 Coerce(std::move(args[2]), type));
  }
  if (name == "decode" && args.size() >= 3) {
    // Redshift's DECODE(e, search1, result1, ..., [default]) is a CASE in
    // which a NULL search value matches a NULL e.
    idx_t pairs = (args.size() - 1) / 2;
    bool has_default = (args.size() - 1) % 2 == 1;
    std::vector<const Expression*> results;
    for (idx_t k = 0; k < pairs; k++)
      results.push_back(args[2 + 2 * k].get());
    if (has_default)
      results.push_back(args.back().get());
    LogicalType type = CommonType(results, "DECODE");
    if (type.id() == LogicalTypeId::kNull)
      type = LogicalType::Varchar();
    std::vector<BoundCaseCheck> checks;
    for (idx_t k = 0; k < pairs; k++) {
      auto when = BindComparison("IS NOT DISTINCT FROM", args[0]->Copy(),
                                 std::move(args[1 + 2 * k]), expr.location);
      checks.push_back({std::move(when), Coerce(std::move(args[2 + 2 * k]), type)});
    }
    ExpressionPtr otherwise =
        has_default ? std::move(args.back()) : MakeConstant(Value::Null(type));
    return std::make_unique<BoundCaseExpression>(type, std::move(checks),
                                                 Coerce(std::move(otherwise), type));
  }
  if ((name == "greatest" || name == "least") && !args.empty()) {
    // Any argument types, unified to their common type by the bind callback.
    ScalarFunction function = (*registry.GetScalar(name))[0];
    auto bind_data = function.bind(function, args);
    auto result =
        std::make_unique<BoundFunctionExpression>(function, std::move(args), std::move(bind_data));
    result->return_type = function.return_type;
    return result;
  }
  if (expr.schema.empty() || expr.schema == "information_schema") {
    if (auto catalog = BindCatalogFunction(name, args))
      return catalog;
  }
  return BindScalarCall(name, std::move(args), false, expr.location);
}

ExpressionPtr ExpressionBinder::BindSessionIdentity(FunctionExpression& expr) {
  if (!expr.children.empty() || !(expr.schema.empty() || expr.schema == "pg_catalog"))
    return nullptr;
  auto& context = binder_.context();
  const std::string& name = expr.name;
  if (name == "current_user" || name == "user" || name == "current_role")
    return MakeConstant(Value::Varchar(context.current_user));
  if (name == "session_user")
    return MakeConstant(Value::Varchar(context.session_user));
  return nullptr;
}

namespace {

// The smallest depth of the column references in `expr` (kInvalidIndex
// when there are none).
idx_t MinDepth(const Expression& expr) {
  if (expr.expression_class == ExpressionClass::kColumnRef)
    return expr.Cast<BoundColumnRefExpression>().depth;
  idx_t result = kInvalidIndex;
  expr.ForEachChild([&](const Expression& child) { result = std::min(result, MinDepth(child)); });
  return result;
}

void LowerDepthBy(Expression& expr, idx_t levels) {
  if (expr.expression_class == ExpressionClass::kColumnRef) {
    auto& ref = expr.Cast<BoundColumnRefExpression>();
    ref.depth = ref.depth >= levels ? ref.depth - levels : 0;
    return;
  }
  expr.ForEachChild([&](ExpressionPtr& child) { LowerDepthBy(*child, levels); });
}

}  // namespace

ExpressionPtr ExpressionBinder::BindAggregate(FunctionExpression& expr) {
  // An aggregate whose arguments read only an enclosing query's columns
  // belongs to that query (PostgreSQL's rule): it is bound there, and the
  // subquery reads its result as an outer column.
  bool in_subquery = false;
  for (Binder* b = &binder_; b->parent_; b = b->parent_)
    in_subquery = in_subquery || b->is_subquery_expression_;
  if (!aggregates_ && !in_subquery) {
    throw Exception(sqlstate::kGroupingError,
                    std::string("aggregate functions are not allowed in ") + clause_)
        .WithPosition(expr.location);
  }
  if (in_aggregate_) {
    throw Exception(sqlstate::kGroupingError, "aggregate function calls cannot be nested")
        .WithPosition(expr.location);
  }
  in_aggregate_ = true;
  std::vector<ExpressionPtr> args;
  for (auto& c : expr.children)
    args.push_back(ResolveUnknown(Bind(*c)));
  ExpressionPtr filter;
  if (expr.filter)
    filter = RequireBoolean(Bind(*expr.filter), "FILTER");
  // ORDER BY keys of ordered aggregates become extra arguments followed by
  // a constant order spec (see function/aggregate/ordered_aggregates.cpp).
  std::vector<ExpressionPtr> order_keys;
  int32_t order_spec = 0;
  for (idx_t k = 0; k < expr.order_by.size(); k++) {
    auto& node = expr.order_by[k];
    order_keys.push_back(ResolveUnknown(Bind(*node.expression)));
    bool descending = node.type == OrderByNode::OrderType::kDescending;
    bool nulls_first = node.nulls == OrderByNode::NullsOrder::kNullsFirst ||
                       (node.nulls == OrderByNode::NullsOrder::kDefault && descending);
    if (k < 15)
      order_spec |= (descending ? 1 : 0) << (2 * k) | (nulls_first ? 2 : 0) << (2 * k);
  }
  in_aggregate_ = false;

  idx_t level = kInvalidIndex;
  for (auto* list : {&args, &order_keys}) {
    for (auto& a : *list)
      level = std::min(level, MinDepth(*a));
  }
  if (filter)
    level = std::min(level, MinDepth(*filter));
  ExpressionBinder* target = this;
  if (level != kInvalidIndex && level > 0) {
    // The binder of the clause of the query `level` levels out.
    idx_t seen = 0;
    target = nullptr;
    for (Binder* b = &binder_; b->parent_ && !target; b = b->parent_) {
      if (b->is_subquery_expression_ && ++seen == level)
        target = b->outer_expression_binder_;
    }
    if (!target) {
      // Columns of FROM items a LATERAL derived table reads.
      throw Exception(sqlstate::kGroupingError,
                      "aggregate functions are not allowed in FROM clause of their own query "
                      "level")
          .WithPosition(expr.location);
    }
    if (!target->aggregates_) {
      throw Exception(sqlstate::kGroupingError,
                      std::string("aggregate functions are not allowed in ") + target->clause_)
          .WithPosition(expr.location);
    }
    if (target->in_aggregate_) {
      throw Exception(sqlstate::kGroupingError, "aggregate function calls cannot be nested")
          .WithPosition(expr.location);
    }
    for (auto* list : {&args, &order_keys}) {
      for (auto& a : *list)
        LowerDepthBy(*a, level);
    }
    if (filter)
      LowerDepthBy(*filter, level);
  } else {
    level = 0;
    if (!aggregates_) {
      throw Exception(sqlstate::kGroupingError,
                      std::string("aggregate functions are not allowed in ") + clause_)
          .WithPosition(expr.location);
    }
  }

  auto aggregate = ResolveAggregate(expr, std::move(args), std::move(order_keys), order_spec);
  aggregate->filter = std::move(filter);
  LogicalType type = aggregate->return_type;
  auto& aggregates = *target->aggregates_;
  idx_t position = aggregates.size();
  // The same aggregate twice is computed once.
  for (idx_t i = 0; i < aggregates.size(); i++) {
    if (aggregates[i]->Equals(*aggregate)) {
      position = i;
      break;
    }
  }
  if (position == aggregates.size())
    aggregates.push_back(std::move(aggregate));
  auto result = std::make_unique<BoundColumnRefExpression>(
      type, ColumnBinding(target->aggregate_index_, position));
  result->depth = level;
  return result;
}

std::unique_ptr<BoundAggregateExpression> ExpressionBinder::ResolveAggregate(
    FunctionExpression& expr, std::vector<ExpressionPtr> args,
    std::vector<ExpressionPtr> order_keys, int32_t order_spec) {
  std::string name = expr.is_star ? "count_star" : expr.name;
  bool percentile = name == "percentile_cont" || name == "percentile_disc";
  bool ordered_set = percentile || name == "listagg";
  bool string_agg = name == "string_agg" || name == "listagg";
  if (expr.within_group && !ordered_set) {
    throw Exception(sqlstate::kWrongObjectType, "WITHIN GROUP specified, but " + name +
                                                    " is not an ordered-set aggregate function")
        .WithPosition(expr.location);
  }
  if (!order_keys.empty() && !string_agg && !percentile) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "ORDER BY inside the aggregate " + name + " is not supported")
        .WithPosition(expr.location);
  }
  if (order_keys.size() > 15) {
    throw Exception(sqlstate::kProgramLimitExceeded, "too many ORDER BY keys in an aggregate")
        .WithPosition(expr.location);
  }
  if (percentile) {
    if (!expr.within_group || order_keys.size() != 1 || args.size() != 1) {
      throw Exception(sqlstate::kWrongObjectType,
                      "WITHIN GROUP (ORDER BY one expression) is required for ordered-set "
                      "aggregate " +
                          name)
          .WithPosition(expr.location);
    }
    if (!args[0]->IsFoldable()) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "the fraction of " + name + " must be a constant")
          .WithPosition(expr.location);
    }
    Value fraction =
        ExpressionExecutor::EvaluateConstant(*Coerce(std::move(args[0]), LogicalTypeId::kDouble));
    if (fraction.IsNull() || !(fraction.GetDouble() >= 0 && fraction.GetDouble() <= 1)) {
      throw Exception(
          sqlstate::kNumericValueOutOfRange,
          "percentile value " +
              (fraction.IsNull() ? std::string("NULL")
                                 : CastValue(fraction, LogicalType::Varchar()).GetString()) +
              " is not between 0 and 1");
    }
    args.clear();
    args.push_back(std::move(order_keys[0]));
    args.push_back(MakeConstant(fraction));
    args.push_back(MakeConstant(Value::Integer(order_spec)));
    order_keys.clear();
  } else if (name == "median" && args.size() == 1) {
    args.push_back(MakeConstant(Value::Double(0.5)));
    args.push_back(MakeConstant(Value::Integer(0)));
  } else if (name == "listagg" && args.size() == 1) {
    args.push_back(MakeConstant(Value::Varchar("")));
  }
  auto* overloads = FunctionRegistry::BuiltIns().GetAggregate(name);
  const AggregateFunction* best = nullptr;
  int64_t best_cost = -1;
  if (overloads) {
    for (auto& candidate : *overloads) {
      if (candidate.arguments.size() != args.size())
        continue;
      int64_t cost = 0;
      for (idx_t i = 0; i < args.size() && cost >= 0; i++) {
        int64_t c = ArgumentCost(*args[i], candidate.arguments[i]);
        cost = c < 0 ? -1 : cost + c;
      }
      if (cost < 0)
        continue;
      if (!best || cost < best_cost) {
        best = &candidate;
        best_cost = cost;
      }
    }
  }
  if (!best) {
    throw Exception(sqlstate::kUndefinedFunction,
                    "function " + expr.name + "(" + TypeListString(args) + ") does not exist")
        .WithHint(
            "No function matches the given name and argument types. You might need to add "
            "explicit type casts.")
        .WithPosition(expr.location);
  }
  AggregateFunction bound = *best;
  for (idx_t i = 0; i < args.size(); i++) {
    args[i] = Coerce(std::move(args[i]), ConcreteParameter(*args[i], bound.arguments[i]));
  }
  if (string_agg) {
    for (auto& key : order_keys) {
      bound.arguments.push_back(key->return_type);
      args.push_back(std::move(key));
    }
    bound.arguments.push_back(LogicalTypeId::kInteger);
    args.push_back(MakeConstant(Value::Integer(order_spec)));
  }
  std::unique_ptr<FunctionData> bind_data;
  if (bound.bind)
    bind_data = bound.bind(bound, args);
  auto aggregate = std::make_unique<BoundAggregateExpression>(bound, std::move(args),
                                                              std::move(bind_data), expr.distinct);
  aggregate->return_type = bound.return_type;
  return aggregate;
}

ExpressionPtr ExpressionBinder::BindCase(CaseExpression& expr) {
  ExpressionPtr operand;
  if (expr.operand)
    operand = Bind(*expr.operand);
  std::vector<ExpressionPtr> whens, thens;
  for (auto& check : expr.checks) {
    auto when = Bind(*check.when_expr);
    if (operand) {
      when = BindComparison("=", operand->Copy(), std::move(when), expr.location);
    } else {
      when = RequireBoolean(std::move(when), "CASE/WHEN");
    }
    whens.push_back(std::move(when));
    thens.push_back(Bind(*check.then_expr));
  }
  ExpressionPtr else_expr = expr.else_expr ? Bind(*expr.else_expr) : MakeConstant(Value());
  std::vector<const Expression*> results;
  for (auto& t : thens)
    results.push_back(t.get());
  results.push_back(else_expr.get());
  LogicalType type = CommonType(results, "CASE");
  if (type.id() == LogicalTypeId::kNull)
    type = LogicalType::Varchar();
  std::vector<BoundCaseCheck> checks;
  for (idx_t i = 0; i < whens.size(); i++) {
    checks.push_back({std::move(whens[i]), Coerce(std::move(thens[i]), type)});
  }
  return std::make_unique<BoundCaseExpression>(type, std::move(checks),
                                               Coerce(std::move(else_expr), type));
}

ExpressionPtr ExpressionBinder::BindBetween(BetweenExpression& expr) {
  auto input = Bind(*expr.input);
  auto lower = Bind(*expr.lower);
  auto upper = Bind(*expr.upper);
  auto range = [&](ExpressionPtr lo, ExpressionPtr hi) -> ExpressionPtr {
    std::vector<ExpressionPtr> parts;
    if (!expr.negated) {
      parts.push_back(BindComparison(">=", input->Copy(), std::move(lo), expr.location));
      parts.push_back(BindComparison("<=", input->Copy(), std::move(hi), expr.location));
      return std::make_unique<BoundConjunctionExpression>(ConjunctionType::kAnd, std::move(parts));
    }
    parts.push_back(BindComparison("<", input->Copy(), std::move(lo), expr.location));
    parts.push_back(BindComparison(">", input->Copy(), std::move(hi), expr.location));
    return std::make_unique<BoundConjunctionExpression>(ConjunctionType::kOr, std::move(parts));
  };
  if (!expr.symmetric)
    return range(std::move(lower), std::move(upper));
  auto forward = range(lower->Copy(), upper->Copy());
  auto backward = range(std::move(upper), std::move(lower));
  std::vector<ExpressionPtr> parts;
  parts.push_back(std::move(forward));
  parts.push_back(std::move(backward));
  return std::make_unique<BoundConjunctionExpression>(
      expr.negated ? ConjunctionType::kAnd : ConjunctionType::kOr, std::move(parts));
}

ExpressionPtr ExpressionBinder::BindInList(InListExpression& expr) {
  std::vector<ExpressionPtr> children;
  children.push_back(Bind(*expr.input));
  for (auto& v : expr.values)
    children.push_back(Bind(*v));
  std::vector<const Expression*> raw;
  for (auto& c : children)
    raw.push_back(c.get());
  LogicalType type;
  if (!IsUnknownLiteral(*children[0]) && children[0]->return_type.id() != LogicalTypeId::kNull) {
    // Literals in the list take the input's type.
    std::vector<const Expression*> typed;
    for (auto* e : raw) {
      if (!IsUnknownLiteral(*e))
        typed.push_back(e);
    }
    type = CommonType(typed, "IN");
  } else {
    type = CommonType(raw, "IN");
  }
  if (type.id() == LogicalTypeId::kNull)
    type = LogicalType::Varchar();
  if (type.id() == LogicalTypeId::kChar) {
    type = LogicalType::Varchar();
    for (auto& c : children)
      c = TrimTrailingBlanks(std::move(c));
  }
  for (auto& c : children)
    c = Coerce(std::move(c), type);
  return std::make_unique<BoundOperatorExpression>(
      expr.negated ? OperatorType::kNotIn : OperatorType::kIn, LogicalTypeId::kBoolean,
      std::move(children));
}

ExpressionPtr ExpressionBinder::BindBooleanTest(BooleanTestExpression& expr) {
  auto child = RequireBoolean(Bind(*expr.child), "IS TRUE");
  using Kind = BooleanTestExpression::Kind;
  if (expr.kind == Kind::kIsUnknown || expr.kind == Kind::kIsNotUnknown) {
    std::vector<ExpressionPtr> children;
    children.push_back(std::move(child));
    return std::make_unique<BoundOperatorExpression>(
        expr.kind == Kind::kIsUnknown ? OperatorType::kIsNull : OperatorType::kIsNotNull,
        LogicalTypeId::kBoolean, std::move(children));
  }
  bool value = expr.kind == Kind::kIsTrue || expr.kind == Kind::kIsNotTrue;
  bool negated = expr.kind == Kind::kIsNotTrue || expr.kind == Kind::kIsNotFalse;
  return std::make_unique<BoundComparisonExpression>(
      negated ? ComparisonType::kDistinctFrom : ComparisonType::kNotDistinctFrom, std::move(child),
      MakeConstant(Value::Boolean(value)));
}

}  // namespace tributary
