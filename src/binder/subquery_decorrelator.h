// SubqueryDecorrelator: removes the references to enclosing queries from a
// correlated subquery's plan so that the subquery can be joined once with
// the outer plan instead of being run per outer row.
//
// It pulls every predicate that mentions an outer column up to the root of
// the subquery plan (the approach of "Unnesting Arbitrary Queries", Neumann
// and Kemper, restricted to predicate pull-up): projections pass the inner
// columns those predicates need, an aggregate groups by the inner side of
// correlated equalities (so it computes one result per outer value), and
// filters and inner joins simply give their correlated conjuncts away. The
// predicates come back with their depths lowered by one: they belong to the
// query that contains the subquery and become its join conditions.
//
// A correlated predicate other than equality under an aggregate joins the
// aggregate's input with the distinct values of the outer columns it reads
// (the "magic set" of the paper; the binder makes it from the tables those
// columns come from, a cross product of each one's distinct values when
// there are several), and the aggregate groups by them. DISTINCT stays
// over correlated equalities (their inner sides are among its columns).
//
// Outer columns inside an aggregate's arguments join its input with the
// outer values too. ORDER BY ... LIMIT over correlated equalities becomes
// ROW_NUMBER() OVER (PARTITION BY the inner sides) filtered to the window.
// Each branch of a correlated UNION/INTERSECT/EXCEPT is joined with the
// outer values, which become extra columns of the set operation.
//
// Outer columns in GROUP BY and in select lists below the top (ORDER BY
// keys, derived tables) read the outer values the same way (for GROUP BY:
// a group per outer row, no row when nothing matches).
//
// Outer columns in the ON clause of a LEFT, SEMI, ANTI, SINGLE or MARK
// join, or inside its nullable (right) side: its kept side is joined with
// the outer values, which the ON clause reads; the nullable side's
// correlated predicates join the ON clause. A RIGHT join is turned into a
// LEFT one first. GROUPING SETS get the correlation keys in every set; with
// an empty set (ROLLUP, CUBE) the outer values are LEFT joined with the
// aggregate's input so that each has its grand total row. DISTINCT over a
// correlated predicate other than equality reads the outer values below
// it. Outer columns of a query two levels out are carried by the outer
// values (from the statement's scans) like those one level out.
//
// Shapes it cannot rewrite (outer columns inside a FULL join, HAVING over
// outer and grouped columns, ...) raise 0A000. Not thread-safe;
// one instance per subquery.
#pragma once

#include <functional>
#include <vector>

#include "planner/logical_operator.h"
#include "planner/operator/logical_join.h"

namespace tributary {

class LogicalAggregate;
class LogicalJoin;

class SubqueryDecorrelator {
 public:
  // `existential`: only whether rows exist matters (EXISTS, IN, ANY), so
  // the rewrite may change how often a row appears.
  // Makes a plan of (a superset of) the distinct values the outer query's
  // columns `columns` (depth 1 references) take, and the binding of each
  // column in its output; may raise 0A000 when it cannot.
  using OuterValues = std::function<LogicalOperatorPtr(
      const std::vector<const Expression*>& columns, std::vector<ColumnBinding>& bindings)>;

  // `existential`: only whether rows exist matters (EXISTS, IN, ANY), so
  // the rewrite may change how often a row appears. `outer_values` lets an
  // aggregate over a correlated predicate other than equality be grouped
  // by the outer values (optional).
  // `new_table_index` gives fresh table indexes (for the windows a LIMIT
  // becomes; optional).
  explicit SubqueryDecorrelator(bool existential, OuterValues outer_values = nullptr,
                                std::function<idx_t()> new_table_index = nullptr)
      : existential_(existential),
        outer_values_(std::move(outer_values)),
        new_table_index_(std::move(new_table_index)) {}

  // Rewrites `plan` (which may be replaced) and returns the pulled-up
  // predicates over its output columns and the outer query's columns.
  std::vector<ExpressionPtr> Decorrelate(LogicalOperatorPtr& plan);

  // True when a correlated equality turned an aggregate without GROUP BY
  // into a grouped one: outer rows without a group then need the value the
  // aggregate has over no rows (count(*) = 0, the "COUNT bug").
  bool grouped_scalar_aggregate() const { return grouped_scalar_aggregate_; }

  // True when `expr` or `op` (with its children) references an enclosing
  // query (a column reference with depth > 0).
  static bool HasOuterReferences(const Expression& expr);
  static bool HasOuterReferences(LogicalOperator& op);
  // Lowers the depth of every outer reference in `expr` by one.
  static void LowerDepth(Expression& expr);
  // Rewrites the inner (depth 0) references of `expr`, which read the
  // input of `projection`, to columns of `projection` (appended as needed).
  static void ReadThroughProjection(ExpressionPtr& expr, LogicalOperator& projection);

 private:
  std::vector<ExpressionPtr> Pull(LogicalOperatorPtr& op, bool duplicates_matter);
  std::vector<ExpressionPtr> PullFilter(LogicalOperatorPtr& op, bool duplicates_matter);
  // `under_distinct`: a DISTINCT is above, so correlated predicates other
  // than equality are evaluated below the projection (outer values).
  std::vector<ExpressionPtr> PullProjection(LogicalOperatorPtr& op, bool duplicates_matter,
                                            bool under_distinct = false);
  std::vector<ExpressionPtr> PullAggregate(LogicalOperatorPtr& op);
  std::vector<ExpressionPtr> PullJoin(LogicalOperatorPtr& op, bool duplicates_matter);
  std::vector<ExpressionPtr> PullOuterJoinCondition(LogicalJoin& join, bool duplicates_matter);
  std::vector<ExpressionPtr> PullLimit(LogicalOperatorPtr& op);
  std::vector<ExpressionPtr> PullSetOperation(LogicalOperatorPtr& op);
  [[noreturn]] static void Unsupported(const char* why);

  // Joins the aggregate's input with the distinct outer values so that
  // any correlated predicate (and the outer columns of the expressions in
  // `also`: aggregate arguments, GROUP BY keys) reads them instead.
  // `type`: kLeft keeps every outer value (the aggregate's input side may
  // then be NULL).
  void JoinOuterValues(LogicalOperator& aggregate, std::vector<ExpressionPtr>& predicates,
                       const std::vector<std::vector<ExpressionPtr>*>& also = {},
                       JoinType type = JoinType::kInner);
  // GROUPING SETS: puts the groups from `group_count` on (correlation
  // keys) into every set and rebinds the grouping-set column above.
  void AddGroupsToSets(LogicalAggregate& aggregate, idx_t group_count);
  std::vector<ExpressionPtr> PullAggregateWithEmptySet(LogicalOperatorPtr& op);

  bool existential_;
  OuterValues outer_values_;
  std::function<idx_t()> new_table_index_;
  bool grouped_scalar_aggregate_ = false;
  LogicalOperatorPtr* root_ = nullptr;  // the plan Decorrelate rewrites
};

}  // namespace tributary
