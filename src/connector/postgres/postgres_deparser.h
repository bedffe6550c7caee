// PostgresDeparser: turns bound filter expressions over one external table
// into PostgreSQL SQL for the remote WHERE clause.
//
// Contract: CanPush(e) is true only when PostgreSQL computes exactly the
// warehouse's result for `e` on every row, NULLs included, so a pushed
// filter never changes an answer:
// - columns read in binary form (not the ::text fallback), compared with
//   constants or each other; integers, DECIMAL, BOOLEAN, DATE, TIMESTAMP and
//   TIMESTAMPTZ with every comparison; strings only with =, <>, IN and IS
//   [NOT] DISTINCT FROM (ordering depends on the remote collation), only
//   under a deterministic collation, a CHAR column only against a CHAR
//   constant and a VARCHAR one (or a CHAR column cast to VARCHAR) against
//   VARCHAR (blank-padding agrees);
//   REAL/DOUBLE never (PostgreSQL orders NaN above every number);
// - AND, OR, NOT, IS [NOT] NULL, IN / NOT IN lists of constants, widening
//   casts (integer to wider integer or DECIMAL, DATE to TIMESTAMP);
// - arithmetic that cannot round or differ (see CanPushArithmetic) and
//   LIKE / NOT LIKE on text (same matcher, backslash escape); not ILIKE;
// - EXTRACT(year|quarter|month|day FROM date or timestamp), and CASE over
//   pushable predicates choosing among values of one non-string type.
// Deparse(e) renders what CanPush accepted. Identifiers and string literals
// go through the quoter (libpq's PQescapeIdentifier/PQescapeLiteral at run
// time, a display quoter for EXPLAIN); no user text is pasted.
#pragma once

#include <string>

#include "connector/remote_expression_deparser.h"
#include "planner/expression.h"
#include "planner/expression/bound_comparison_expression.h"

namespace tributary {

class BoundFunctionExpression;

class PostgresDeparser : public RemoteExpressionDeparser {
 public:
  PostgresDeparser(const RemoteTable& table, idx_t table_index)
      : RemoteExpressionDeparser(table, table_index) {}
  // Columns of a pushed subtree (PostgresQueryDeparser).
  PostgresDeparser(ColumnResolver resolve, ColumnNamer name)
      : RemoteExpressionDeparser(std::move(resolve), std::move(name)) {}

  bool CanPush(const Expression& expression) const;
  // A value (not only a predicate) PostgreSQL computes exactly as we do:
  // columns, constants, exact arithmetic, widening casts.
  bool CanPushScalar(const Expression& expression) const { return CanPushValue(expression); }
  // `left <cmp> right`, as a join condition; strings also column against
  // column (equality only, deterministic collations, same type).
  bool CanPushComparison(const Expression& left, const Expression& right,
                         ComparisonType comparison) const;
  // Whether equal values of `e` are exactly the rows PostgreSQL puts in one
  // group (GROUP BY, DISTINCT): not floats, strings only from a column
  // under a deterministic collation.
  bool CanGroupBy(const Expression& e) const;
  std::string Deparse(const Expression& expression, const SqlQuoter& quote) const override;

 private:
  bool IsColumn(const Expression& e) const;
  bool CanPushValue(const Expression& e) const;
  bool CanPushArithmetic(const BoundFunctionExpression& f) const;
  bool CanCompare(const Expression& left, const Expression& right, bool equality) const;
  const RemoteColumn* ColumnOf(const Expression& e) const { return ResolveColumn(e); }
};

}  // namespace tributary
