// DialectQueryRenderer: the operator skeleton every SQL source shares for
// remote pushdown (optimizer/remote_pushdown.cpp): which operators a pushed
// subtree may hold (scans, filters, projections, joins, aggregates,
// DISTINCT, ORDER BY + LIMIT, LIMIT) and how each becomes one derived table
// whose columns are named after their bindings (t<table>_<column>;
// bindings are unique in a plan, so the names never clash and need no
// qualification). A source's dialect (PostgresQueryDeparser,
// MySqlQueryDeparser) derives from it and answers only what differs: which
// expressions, join kinds, keys and aggregates compute exactly our result
// there, and how they are spelled (column reads and casts, expressions,
// aggregate calls, ORDER BY keys, the final columns).
//
// Usage: call CanPush on every operator of a subtree, children first (it
// records what each binding stands for); then Render(root) any number of
// times. The dialect hooks run at plan and render time only, never per
// row. Render and ColumnFor are const and thread-safe once CanPush is done.
// Not copyable (dialects hold expression deparsers that point at it).
#pragma once

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "connector/remote_query_renderer.h"
#include "connector/remote_table.h"
#include "planner/bound_order_by.h"
#include "planner/join_condition.h"
#include "planner/logical_operator.h"

namespace tributary {

class BoundAggregateExpression;
class LogicalJoin;
class LogicalRemoteGet;

// The name a rendered query gives a binding's column (t<table>_<column>).
std::string RemoteColumnName(const ColumnBinding& binding);

class DialectQueryRenderer : public RemoteQueryRenderer {
 public:
  DialectQueryRenderer(const DialectQueryRenderer&) = delete;
  DialectQueryRenderer& operator=(const DialectQueryRenderer&) = delete;

  // Whether `op` can run remotely, given that its children can (a plain
  // remote scan the dialect reads can).
  bool CanPush(LogicalOperator& op);
  // The query computing `op`'s subtree, returning `bindings` (some or all
  // of op's) in the form the source's scan decodes (OutputColumn).
  std::string Render(const LogicalOperator& op, const std::vector<ColumnBinding>& bindings,
                     const SqlQuoter& quote) const final;
  // What CanPush recorded for a binding (nullptr: nothing).
  const RemoteColumn* ColumnFor(const ColumnBinding& binding) const final {
    auto it = columns_.find(binding);
    return it == columns_.end() ? nullptr : it->second;
  }

 protected:
  // `dialect` names the source in internal errors ("PostgreSQL").
  explicit DialectQueryRenderer(const char* dialect) : dialect_(dialect) {}
  ~DialectQueryRenderer() override = default;

  // What the dialect computes exactly as we do (plan time).
  // A remote scan with no fragment (its columns are recorded after).
  virtual bool CanScan(const LogicalRemoteGet& get) const = 0;
  // A predicate: a filter's conjunct or a join's residual.
  virtual bool CanFilter(const Expression& e) const = 0;
  virtual bool CanProject(const Expression& e) const = 0;
  // A GROUP BY key (also each DISTINCT column, as a column reference).
  virtual bool CanGroup(const Expression& e) const = 0;
  virtual bool CanAggregate(const Expression& e) const = 0;
  // The join's kind (conditions and residual are checked after).
  virtual bool CanJoin(const LogicalJoin& join) const = 0;
  virtual bool CanJoinOn(const JoinCondition& condition) const = 0;
  // An ORDER BY key of a TopN (false: the dialect pushes no TopN).
  virtual bool CanOrderBy(const Expression& e) const { return false; }
  // Fills in a computed column (name and type are set).
  virtual void DescribeComputed(RemoteColumn& column) const = 0;

  // How the dialect spells it (render time).
  // A scanned column, read as the scan decodes it (`name` is quoted).
  virtual std::string ScanColumn(const RemoteColumn& column, const std::string& name) const = 0;
  // One of a scan's pushed filters, over the table's own column names.
  virtual std::string ScanFilter(const LogicalRemoteGet& get, const Expression& e,
                                 const SqlQuoter& quote) const = 0;
  // An expression over the recorded bindings.
  virtual std::string Deparse(const Expression& e, const SqlQuoter& quote) const = 0;
  virtual std::string Aggregate(const Expression& e, const SqlQuoter& quote) const = 0;
  // An ORDER BY key (direction and NULL order follow).
  virtual std::string OrderKey(const Expression& e, const SqlQuoter& quote) const;
  virtual std::string NullOrderClause(NullOrder order) const;
  // A column of the final SELECT, named RemoteColumnName(binding).
  virtual std::string OutputColumn(const ColumnBinding& binding) const = 0;
  // What an empty select list of a scan, projection or aggregate becomes
  // ("" where the source accepts SELECT FROM, " NULL" otherwise).
  virtual const char* EmptySelectList() const = 0;
  // A semi join on equalities only, as `(left keys) IN (SELECT right keys
  // ...)` rather than EXISTS: MySQL and MariaDB plan an IN subquery as a
  // semi join (materialized once), a correlated EXISTS over a grouped
  // derived table as a dependent subquery. Same rows either way (a NULL
  // key matches nothing in both).
  virtual bool SemiJoinAsIn() const { return false; }

  // The aggregate `e` when it has a shape every dialect renders: count(*)
  // without DISTINCT, or one argument (nullptr otherwise).
  static const BoundAggregateExpression* SimpleAggregate(const Expression& e);
  // Whether `op` yields at most one row per value of the conditions' right
  // sides (an aggregate grouped on exactly them).
  static bool UniqueOnKeys(const LogicalOperator& op, const std::vector<JoinCondition>& conditions);

 private:
  std::string RenderOperator(const LogicalOperator& op, const SqlQuoter& quote,
                             int& next_alias) const;
  // Records `binding` as `e`'s column when `e` is a recorded column
  // reference, as a computed column of e's type otherwise.
  void Record(const ColumnBinding& binding, const Expression& e);
  void Synthesize(const ColumnBinding& binding, const LogicalType& type);

  const char* dialect_;
  std::map<ColumnBinding, const RemoteColumn*> columns_;
  std::deque<RemoteColumn> synthesized_;
};

}  // namespace tributary
