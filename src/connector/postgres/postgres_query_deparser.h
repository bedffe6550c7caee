// PostgresQueryDeparser: PostgreSQL's dialect of the remote query renderer
// (DialectQueryRenderer): which operators PostgreSQL computes exactly as we
// do over inputs it already computes, and how they are spelled. Pushed:
// filters, projections, joins (all kinds but mark; FULL on equalities only;
// a scalar subquery's join when the right side is unique on its keys),
// aggregates, DISTINCT, ORDER BY + LIMIT, LIMIT over remote scans of one
// source.
//
// Expressions go through PostgresDeparser, so the same rules hold as for
// pushed filters: nothing is pushed whose result could differ from ours
// (types, NULLs, rounding, collations). Aggregates: count, count(*), sum
// and avg of integers and DECIMAL (avg is computed exactly and rounded half
// away from zero at our scale), min/max of numbers, dates and timestamps,
// bool_and/bool_or, DISTINCT and FILTER; never floats or string ordering.
// ORDER BY + LIMIT orders strings by their bytes, as we do (see OrderKey).
// Every column of the final SELECT is cast to our wire type (binary COPY).
//
// Usage as DialectQueryRenderer: CanPush children first, then Render any
// number of times (const, thread-safe).
#pragma once

#include <string>

#include "connector/dialect_query_renderer.h"
#include "connector/postgres/postgres_deparser.h"

namespace tributary {

class PostgresQueryDeparser : public DialectQueryRenderer {
 public:
  PostgresQueryDeparser();

 protected:
  bool CanScan(const LogicalRemoteGet& get) const override { return true; }
  bool CanFilter(const Expression& e) const override { return expressions_.CanPush(e); }
  bool CanProject(const Expression& e) const override;
  bool CanGroup(const Expression& e) const override;
  bool CanAggregate(const Expression& e) const override;
  bool CanJoin(const LogicalJoin& join) const override;
  bool CanJoinOn(const JoinCondition& c) const override {
    return expressions_.CanPushComparison(*c.left, *c.right, c.comparison);
  }
  bool CanOrderBy(const Expression& e) const override;
  void DescribeComputed(RemoteColumn& column) const override;

  std::string ScanColumn(const RemoteColumn& column, const std::string& name) const override {
    return name + "::" + column.wire_cast;
  }
  std::string ScanFilter(const LogicalRemoteGet& get, const Expression& e,
                         const SqlQuoter& quote) const override;
  std::string Deparse(const Expression& e, const SqlQuoter& quote) const override {
    return expressions_.Deparse(e, quote);
  }
  std::string Aggregate(const Expression& e, const SqlQuoter& quote) const override;
  // An ORDER BY key in our order: strings bytewise (COLLATE "C" unless
  // the column's collation is already bytewise), CHAR blank-padded.
  std::string OrderKey(const Expression& e, const SqlQuoter& quote) const override;
  std::string OutputColumn(const ColumnBinding& binding) const override;
  const char* EmptySelectList() const override { return ""; }

 private:
  // The column a string ORDER BY key reads (a column, or a CHAR column as
  // VARCHAR) when the source can order it our way; nullptr otherwise.
  const RemoteColumn* OrderColumn(const Expression& e) const;

  PostgresDeparser expressions_;  // over ColumnFor's columns
};

// The PostgreSQL type of a column in the binary form the decoder reads as
// `type`; empty when there is none.
std::string PostgresWireType(const LogicalType& type);

}  // namespace tributary
