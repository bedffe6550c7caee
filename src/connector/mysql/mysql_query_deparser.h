// MySqlQueryDeparser: the subtrees a MySQL source computes as one query for
// remote pushdown (optimizer/remote_pushdown.cpp), with MySQL's semantics
// in mind. Narrower than PostgreSQL's, because MySQL's defaults differ from
// ours in ways that change answers:
// - scans of MySQL tables (not TIME columns: their range check is ours),
//   filters MySqlDeparser pushes, projections of columns, LIMIT;
// - GROUP BY, DISTINCT and join keys (= only) on exact numbers only:
//   strings group and match case- and space-insensitively under MySQL's
//   default collations, a zero date equals itself there but is NULL here;
// - inner, left, semi and anti joins;
// - count(*), count(x) (x not a date: a zero date counts there),
//   sum/min/max of exact numbers, count(DISTINCT exact number); no FILTER,
//   no avg (MySQL's division rounds to its own scale).
// Every operator becomes a derived table whose columns are named after
// their bindings (t<table>_<column>). Usage as PostgresQueryDeparser:
// CanPush children first, then Render any number of times (const,
// thread-safe).
#pragma once

#include <deque>
#include <map>
#include <string>

#include "connector/mysql/mysql_deparser.h"
#include "connector/remote_query_renderer.h"
#include "connector/remote_table.h"
#include "planner/logical_operator.h"

namespace tributary {

class MySqlQueryDeparser : public RemoteQueryRenderer {
 public:
  bool CanPush(LogicalOperator& op);
  std::string Render(const LogicalOperator& op, const std::vector<ColumnBinding>& bindings,
                     const SqlQuoter& quote) const override;
  const RemoteColumn* ColumnFor(const ColumnBinding& binding) const override {
    auto it = columns_.find(binding);
    return it == columns_.end() ? nullptr : it->second;
  }

 private:
  std::string RenderOperator(const LogicalOperator& op, const SqlQuoter& quote,
                             int& next_alias) const;
  bool CanPushAggregate(const Expression& e) const;
  bool Known(const Expression& e) const;
  MySqlDeparser Expressions() const;
  void Synthesize(const ColumnBinding& binding, const LogicalType& type);

  std::map<ColumnBinding, const RemoteColumn*> columns_;
  std::deque<RemoteColumn> synthesized_;
};

}  // namespace tributary
