// MySqlDeparser: turns bound filter conjuncts over one MySQL table into
// MySQL SQL for the remote WHERE clause.
//
// Contract: CanPush(e) holds only when MySQL computes exactly our result
// for `e` on every row (NULLs and the rows it filters out included):
// - integers and DECIMAL compared with each other or constants (=, <>, <,
//   <=, >, >=, IN, NOT IN), IS [NOT] NULL on such columns, also through
//   casts that keep every value (wider integer, DECIMAL with room for all
//   digits): the cast is dropped, MySQL compares exact numbers exactly;
// - DATE and TIMESTAMP columns compared with constants, but not under NOT:
//   a zero date reads as NULL here, and MySQL orders it below every date,
//   so <, <= and <> add `col >= '0001-01-01'`;
// - VARCHAR columns only under a collation that compares bytes without
//   padding (binary, *_nopad_bin, utf8mb4_0900_bin), with = , <> and IN
//   against constants: MySQL's default collations ignore case and trailing
//   spaces, so there string predicates are evaluated locally;
// - never floats, BOOLEAN (TINYINT(1) may hold 2), CHAR, LIKE or arithmetic;
// - AND, OR, NOT of the above.
// CanPrefilter(e) holds when MySQL's result for `e` keeps every row where
// ours is TRUE, and maybe more: what CanPush accepts, plus, outside NOT,
// CHAR and VARCHAR columns under any collation `= constant`, `IN
// (constants)` and VARCHAR `LIKE constant` (MySQL's case-insensitive and
// PAD SPACE collations only add matches: byte-equal strings are equal
// under every collation). Such a conjunct is sent to cut the rows read and
// evaluated here again (filter_pushdown.cpp).
// Deparse(e) renders what CanPush or CanPrefilter accepted; identifiers and literals go
// through the quoter (MySqlConnection's, or a display one for EXPLAIN).
#pragma once

#include "connector/remote_expression_deparser.h"
#include "planner/expression.h"

namespace tributary {

class MySqlDeparser : public RemoteExpressionDeparser {
 public:
  // The columns of one table scan (binding column index = remote column).
  MySqlDeparser(const RemoteTable& table, idx_t table_index)
      : RemoteExpressionDeparser(table, table_index) {}
  // Columns of a pushed subtree (MySqlQueryDeparser).
  MySqlDeparser(ColumnResolver resolve, ColumnNamer name)
      : RemoteExpressionDeparser(std::move(resolve), std::move(name)) {}

  bool CanPush(const Expression& expression) const { return CanPush(expression, true, false); }
  bool CanPrefilter(const Expression& expression) const { return CanPush(expression, true, true); }
  // A column (or a value-keeping cast of one) whose equal values MySQL
  // also finds equal, NULLs apart: exact numbers (never dates: a zero date
  // is NULL here but equal to itself there; never strings).
  bool IsExactNumberColumn(const Expression& e) const;
  std::string Deparse(const Expression& expression, const SqlQuoter& quote) const override;

 private:
  // `superset`: CanPrefilter's rules (only outside NOT: `positive`).
  bool CanPush(const Expression& e, bool positive, bool superset) const;
  // `loose`: a string equality whose MySQL result may hold more rows.
  bool CanCompare(const Expression& left, const Expression& right, bool equality, bool positive,
                  bool loose) const;
  // A CHAR or VARCHAR column read as it is (also through a CHAR to VARCHAR
  // cast), or nullptr.
  const RemoteColumn* StringColumnOf(const Expression& e) const;
  const RemoteColumn* ColumnOf(const Expression& e) const;
  bool IsTemporalColumn(const Expression& e) const;
};

}  // namespace tributary
