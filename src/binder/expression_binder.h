// ExpressionBinder: binds one clause's ParsedExpressions into typed
// Expressions against a BindContext. Implements PostgreSQL's typing rules
// that matter to users: quoted literals take the type their context needs,
// operands of comparisons and set/CASE branches are cast to a common type,
// function overloads are chosen by the cheapest implicit casts.
#pragma once

#include <vector>

#include "binder/bind_context.h"
#include "parser/ast.h"
#include "planner/expression.h"

namespace tributary {

class Binder;
class BoundAggregateExpression;
struct GroupingFunctions;
struct ScalarFunction;

class ExpressionBinder {
 public:
  // `clause` names the clause in errors ("WHERE", "JOIN conditions", ...).
  ExpressionBinder(Binder& binder, const BindContext& context, const char* clause);

  // Aggregate calls are allowed: each is bound into `aggregates` and
  // replaced by a reference (aggregate_index, position).
  void AllowAggregates(std::vector<ExpressionPtr>* aggregates, idx_t aggregate_index);

  // GROUPING(...) is allowed: calls are bound into `groupings` (see
  // grouping_function.h).
  void AllowGrouping(GroupingFunctions* groupings) { groupings_ = groupings; }

  // Window functions are allowed: each is bound into `windows` and replaced
  // by a reference (window_index, position). `named` are the query's WINDOW
  // clause definitions (may be null).
  void AllowWindows(std::vector<ExpressionPtr>* windows, idx_t window_index,
                    const std::vector<std::pair<std::string, WindowSpec>>* named);

  // Subqueries raise 0A000 (for clauses whose operator cannot host the
  // joins a subquery is planned into, such as VALUES).
  void DisallowSubqueries() { subqueries_allowed_ = false; }

  ExpressionPtr Bind(ParsedExpression& expr);
  // Binds a predicate: the result must be BOOLEAN (42804 otherwise, naming
  // `what`, by default the clause).
  ExpressionPtr BindPredicate(ParsedExpression& expr, const char* what = nullptr);

  // Casts `expr` to `target` (an unknown literal is converted now, so a bad
  // literal fails at bind time with 22P02 like PostgreSQL).
  static ExpressionPtr Coerce(ExpressionPtr expr, const LogicalType& target);
  // An unknown literal compared with CHAR loses its trailing blanks.
  static ExpressionPtr TrimTrailingBlanks(ExpressionPtr expr);
  // Gives an unknown literal its default type, TEXT.
  static ExpressionPtr ResolveUnknown(ExpressionPtr expr);
  static bool IsUnknownLiteral(const Expression& expr);
  // The type all of `exprs` are cast to in UNION/CASE/VALUES/IN/COALESCE
  // (PostgreSQL's select_common_type); unknown literals alone give TEXT.
  static LogicalType CommonType(const std::vector<const Expression*>& exprs, const char* construct);

 private:
  ExpressionPtr BindColumnRef(ColumnRefExpression& expr);
  ExpressionPtr BindConstant(ConstantExpression& expr);
  ExpressionPtr BindFunction(FunctionExpression& expr);
  // current_user, user, current_role, session_user: constants of the
  // session; nullptr for other functions.
  ExpressionPtr BindSessionIdentity(FunctionExpression& expr);
  ExpressionPtr BindAggregate(FunctionExpression& expr);
  // Chooses the aggregate overload for bound `args` and casts them.
  std::unique_ptr<BoundAggregateExpression> ResolveAggregate(
      FunctionExpression& expr, std::vector<ExpressionPtr> args,
      std::vector<ExpressionPtr> order_keys = {}, int32_t order_spec = 0);
  ExpressionPtr BindWindow(FunctionExpression& expr);    // bind_window_expression.cpp
  ExpressionPtr BindGrouping(FunctionExpression& expr);  // grouping_function.cpp
  // A RANGE frame's offset for a non-integer ORDER BY key of type `key`.
  Value RangeOffsetValue(const LogicalType& key, ParsedExpression& offset, int location);
  ExpressionPtr BindOperator(OperatorExpression& expr);
  ExpressionPtr BindComparison(const std::string& op, ExpressionPtr left, ExpressionPtr right,
                               int location);
  ExpressionPtr BindConjunction(ConjunctionExpression& expr);
  ExpressionPtr BindCast(CastExpression& expr);
  ExpressionPtr BindCase(CaseExpression& expr);
  ExpressionPtr BindBetween(BetweenExpression& expr);
  ExpressionPtr BindInList(InListExpression& expr);
  ExpressionPtr BindSubquery(SubqueryExpression& expr);
  ExpressionPtr BindBooleanTest(BooleanTestExpression& expr);
  // Resolves `name` among scalar overloads and casts the arguments.
  ExpressionPtr BindScalarCall(const std::string& name, std::vector<ExpressionPtr> args,
                               bool is_operator, int location);
  ExpressionPtr RequireBoolean(ExpressionPtr expr, const char* what);

  Binder& binder_;
  const BindContext& context_;
  const char* clause_;
  std::vector<ExpressionPtr>* aggregates_ = nullptr;
  idx_t aggregate_index_ = kInvalidIndex;
  bool in_aggregate_ = false;
  GroupingFunctions* groupings_ = nullptr;
  std::vector<ExpressionPtr>* windows_ = nullptr;
  idx_t window_index_ = kInvalidIndex;
  const std::vector<std::pair<std::string, WindowSpec>>* named_windows_ = nullptr;
  bool in_window_ = false;
  bool subqueries_allowed_ = true;
};

}  // namespace tributary
