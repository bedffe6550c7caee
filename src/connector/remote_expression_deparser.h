// RemoteExpressionDeparser: what every source's expression deparser
// (PostgresDeparser, MySqlDeparser) shares: how a column binding resolves
// to a remote column and how the SQL names it, and the SQL of AND / OR,
// NOT, IS [NOT] NULL and IN / NOT IN lists, which every dialect spells the
// same. A dialect decides what it pushes (CanPush) and renders the rest
// (columns, constants, comparisons, functions, casts) in Deparse.
//
// Deparsing runs when a query is planned or a remote query is built, never
// per row. Const methods are thread-safe; a deparser must not outlive the
// table or resolver its columns come from.
#pragma once

#include <functional>
#include <string>

#include "connector/remote_table.h"
#include "connector/sql_quoter.h"
#include "planner/column_binding.h"
#include "planner/expression.h"

namespace tributary {

class RemoteExpressionDeparser {
 public:
  // What a column binding stands for, and how the SQL names it.
  using ColumnResolver = std::function<const RemoteColumn*(const ColumnBinding&)>;
  using ColumnNamer = std::function<std::string(const ColumnBinding&)>;

  virtual ~RemoteExpressionDeparser() = default;

  // Renders what the dialect's CanPush accepted.
  virtual std::string Deparse(const Expression& expression, const SqlQuoter& quote) const = 0;

 protected:
  // `table_index` is the binding table index of the scan's columns; the
  // binding's column index is the remote column's position in `table`.
  RemoteExpressionDeparser(const RemoteTable& table, idx_t table_index);
  // Columns of a pushed subtree: `resolve` gives each binding's column
  // (nullptr: not available remotely), `name` the generated name the SQL
  // uses for it.
  RemoteExpressionDeparser(ColumnResolver resolve, ColumnNamer name)
      : resolve_(std::move(resolve)), name_(std::move(name)) {}

  // The remote column `e` reads when it is a column reference of this
  // query level (nullptr otherwise).
  const RemoteColumn* ResolveColumn(const Expression& e) const;
  // A resolved column as the SQL names it: the generated name, or the
  // remote column's quoted name.
  std::string ColumnName(const ColumnBinding& binding, const SqlQuoter& quote) const;
  // AND / OR, NOT, IS [NOT] NULL, IN / NOT IN: sets `sql` (operands through
  // Deparse) and returns true; false when `e` is none of them.
  bool DeparseLogical(const Expression& e, const SqlQuoter& quote, std::string& sql) const;

 private:
  ColumnResolver resolve_;
  ColumnNamer name_;  // empty: the remote column's own name
};

}  // namespace tributary
