// PostgresQueryDeparser: decides which logical operators PostgreSQL can
// compute exactly as we do, over inputs it already computes, and renders a
// subtree of them (filters, projections, joins, aggregates, DISTINCT,
// ORDER BY + LIMIT, LIMIT over remote scans of one source) as one query.
//
// Every operator becomes a derived table whose columns are named after
// their bindings (t<table>_<column>; bindings are unique in a plan, so the
// names never clash and need no qualification). Expressions go through
// PostgresDeparser, so the same rules hold as for pushed filters: nothing
// is pushed whose result could differ from ours (types, NULLs, rounding,
// collations). Aggregates: count, count(*), sum and avg of integers and
// DECIMAL (avg is computed exactly and rounded half away from zero at our
// scale), min/max of numbers, dates and timestamps, bool_and/bool_or,
// DISTINCT and FILTER; never floats or string ordering. ORDER BY + LIMIT
// orders strings by their bytes, as we do (see OrderKey).
//
// Usage: call CanPush on every operator of a subtree, children first (it
// records what each binding stands for); then Render(root) any number of
// times. Render is const and thread-safe.
#pragma once

#include <deque>
#include <map>
#include <string>

#include "connector/postgres/postgres_deparser.h"
#include "connector/remote_table.h"
#include "planner/join_condition.h"
#include "planner/logical_operator.h"

namespace tributary {

class PostgresQueryDeparser {
 public:
  // Whether `op` can run remotely, given that its children can (a plain
  // remote scan always can).
  bool CanPush(LogicalOperator& op);
  // The query computing `op`'s subtree, returning `bindings` (some or all
  // of op's) cast to our wire types.
  std::string Render(const LogicalOperator& op, const std::vector<ColumnBinding>& bindings,
                     const SqlQuoter& quote) const;
  // What CanPush recorded for a binding (nullptr: nothing).
  const RemoteColumn* ColumnFor(const ColumnBinding& binding) const {
    auto it = columns_.find(binding);
    return it == columns_.end() ? nullptr : it->second;
  }

 private:
  std::string RenderOperator(const LogicalOperator& op, const SqlQuoter& quote,
                             int& next_alias) const;
  std::string RenderAggregate(const Expression& e, const SqlQuoter& quote) const;
  bool CanPushAggregate(const Expression& e) const;
  // Whether `op` yields at most one row per value of the conditions' right
  // sides (an aggregate grouped on exactly them).
  static bool UniqueOnKeys(const LogicalOperator& op, const std::vector<JoinCondition>& conditions);
  bool CanPushProjected(const Expression& e) const;
  PostgresDeparser Expressions() const;
  // The column a string ORDER BY key reads (a column, or a CHAR column as
  // VARCHAR) when the source can order it our way; nullptr otherwise.
  const RemoteColumn* OrderColumn(const Expression& e) const;
  // An ORDER BY key in our order: strings bytewise (COLLATE "C" unless
  // the column's collation is already bytewise), CHAR blank-padded.
  std::string OrderKey(const Expression& e, const SqlQuoter& quote) const;
  // Records a computed column; strings are never treated as comparable.
  void Synthesize(const ColumnBinding& binding, const LogicalType& type);

  std::map<ColumnBinding, const RemoteColumn*> columns_;
  std::deque<RemoteColumn> synthesized_;
};

// The PostgreSQL type of a column in the binary form the decoder reads as
// `type`; empty when there is none.
std::string PostgresWireType(const LogicalType& type);
// The name a rendered query gives a binding's column (t<table>_<column>).
std::string RemoteColumnName(const ColumnBinding& binding);

}  // namespace tributary
