// MySqlQueryDeparser: MySQL's dialect of the remote query renderer
// (DialectQueryRenderer), with MySQL's semantics in mind. Narrower than
// PostgreSQL's, because MySQL's defaults differ from ours in ways that
// change answers:
// - scans of MySQL tables (not TIME columns: their range check is ours),
//   filters MySqlDeparser pushes, projections of columns, LIMIT;
// - GROUP BY, DISTINCT and join keys (= only) on exact numbers only:
//   strings group and match case- and space-insensitively under MySQL's
//   default collations, a zero date equals itself there but is NULL here;
// - inner, left, semi and anti joins;
// - count(*), count(x) (x not a date: a zero date counts there),
//   sum/min/max of exact numbers, count(DISTINCT exact number); no FILTER,
//   no avg (MySQL's division rounds to its own scale); no ORDER BY.
// Columns are read as MySqlCatalog::SelectExpression renders them (text
// values of our types). Usage as DialectQueryRenderer: CanPush children
// first, then Render any number of times (const, thread-safe).
#pragma once

#include <string>

#include "connector/dialect_query_renderer.h"
#include "connector/mysql/mysql_deparser.h"

namespace tributary {

class MySqlQueryDeparser : public DialectQueryRenderer {
 public:
  MySqlQueryDeparser();

 protected:
  bool CanScan(const LogicalRemoteGet& get) const override;
  bool CanFilter(const Expression& e) const override { return expressions_.CanPush(e); }
  bool CanProject(const Expression& e) const override { return Known(e); }
  bool CanGroup(const Expression& e) const override {
    return Known(e) && expressions_.IsExactNumberColumn(e);
  }
  bool CanAggregate(const Expression& e) const override;
  bool CanJoin(const LogicalJoin& join) const override;
  bool CanJoinOn(const JoinCondition& c) const override {
    return c.comparison == ComparisonType::kEqual && expressions_.IsExactNumberColumn(*c.left) &&
           expressions_.IsExactNumberColumn(*c.right);
  }
  void DescribeComputed(RemoteColumn& column) const override {
    column.deterministic_collation = false;  // a computed string is never compared
  }

  std::string ScanColumn(const RemoteColumn& column, const std::string& name) const override;
  std::string ScanFilter(const LogicalRemoteGet& get, const Expression& e,
                         const SqlQuoter& quote) const override;
  std::string Deparse(const Expression& e, const SqlQuoter& quote) const override {
    return expressions_.Deparse(e, quote);
  }
  std::string Aggregate(const Expression& e, const SqlQuoter& quote) const override;
  std::string OutputColumn(const ColumnBinding& binding) const override {
    return RemoteColumnName(binding);
  }
  const char* EmptySelectList() const override { return " NULL"; }
  bool SemiJoinAsIn() const override { return true; }

 private:
  // A recorded column reference of this query level.
  bool Known(const Expression& e) const;

  MySqlDeparser expressions_;  // over ColumnFor's columns
};

}  // namespace tributary
