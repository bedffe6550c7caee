// BindContext: the names visible in one query level's FROM clause: each
// table reference's alias, column names, types and column bindings, plus
// the columns merged by JOIN ... USING / NATURAL JOIN.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "planner/column_binding.h"
#include "planner/expression.h"

namespace tributary {

// Column privileges: a table the user may read only some columns of.
struct ColumnGuard {
  std::string table;
  std::vector<bool> readable;  // per column
};

struct TableBinding {
  std::string alias;
  // Schema of a base table (for schema.table.column references), else "".
  std::string schema;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  std::vector<ColumnBinding> bindings;
  // Set when the user holds SELECT on some columns only: referencing
  // another column (by name, *, USING or NATURAL) throws 42501.
  std::shared_ptr<const ColumnGuard> guard;
};

// A column merged by USING: unqualified references resolve to `expression`
// (the left column, the right one for RIGHT JOIN, COALESCE for FULL JOIN).
struct UsingColumn {
  std::string name;
  std::vector<std::string> aliases;  // the table aliases it merges
  std::shared_ptr<Expression> expression;
};

class BindContext {
 public:
  // Throws 42712 if the alias is already used at this level.
  void AddBinding(TableBinding binding);
  void AddUsingColumn(UsingColumn column);

  // Resolves a column reference of 1-3 name parts; throws 42703/42702/
  // 42P01 like PostgreSQL when it cannot.
  ExpressionPtr Resolve(const std::vector<std::string>& names, int location) const;
  // Like Resolve for an unqualified name, but returns null instead of
  // throwing when the name is unknown.
  ExpressionPtr TryResolve(const std::string& name) const;

  // Expansion of `*` (relation empty) or `t.*`: expressions and names.
  void ExpandStar(const std::string& relation, std::vector<ExpressionPtr>& exprs,
                  std::vector<std::string>& names, int location) const;

  const std::vector<TableBinding>& bindings() const { return bindings_; }
  const TableBinding* FindAlias(const std::string& alias) const;
  bool empty() const { return bindings_.empty(); }

 private:
  ExpressionPtr ColumnRef(const TableBinding& table, idx_t column) const;
  const UsingColumn* FindUsing(const std::string& name) const;

  std::vector<TableBinding> bindings_;
  std::vector<UsingColumn> using_columns_;
};

}  // namespace tributary
