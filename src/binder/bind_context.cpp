#include "binder/bind_context.h"

#include <algorithm>

#include "common/exception.h"
#include "planner/expression/bound_column_ref_expression.h"

namespace tributary {

void BindContext::AddBinding(TableBinding binding) {
  if (!binding.alias.empty() && FindAlias(binding.alias)) {
    throw Exception(sqlstate::kDuplicateAlias,
                    "table name \"" + binding.alias + "\" specified more than once");
  }
  bindings_.push_back(std::move(binding));
}

void BindContext::AddUsingColumn(UsingColumn column) {
  using_columns_.push_back(std::move(column));
}

const TableBinding* BindContext::FindAlias(const std::string& alias) const {
  for (auto& b : bindings_) {
    if (b.alias == alias)
      return &b;
  }
  return nullptr;
}

const UsingColumn* BindContext::FindUsing(const std::string& name) const {
  // The most recent (outermost) join's merge wins.
  for (auto it = using_columns_.rbegin(); it != using_columns_.rend(); ++it) {
    if (it->name == name)
      return &*it;
  }
  return nullptr;
}

ExpressionPtr BindContext::ColumnRef(const TableBinding& table, idx_t column) const {
  if (table.guard && !table.guard->readable[column]) {
    throw Exception(
        sqlstate::kInsufficientPrivilege,
        "permission denied for column " + table.names[column] + " of table " + table.guard->table)
        .WithDetail("SELECT on the column is needed; the user holds SELECT on some columns of " +
                    table.guard->table + " only.");
  }
  auto ref =
      std::make_unique<BoundColumnRefExpression>(table.types[column], table.bindings[column]);
  ref->alias = table.names[column];
  return ref;
}

ExpressionPtr BindContext::TryResolve(const std::string& name) const {
  if (auto* u = FindUsing(name)) {
    auto e = u->expression->Copy();
    e->alias = name;
    return e;
  }
  const TableBinding* found = nullptr;
  idx_t found_column = 0;
  for (auto& b : bindings_) {
    for (idx_t i = 0; i < b.names.size(); i++) {
      if (b.names[i] != name)
        continue;
      if (found) {
        throw Exception(sqlstate::kAmbiguousColumn,
                        "column reference \"" + name + "\" is ambiguous");
      }
      found = &b;
      found_column = i;
    }
  }
  return found ? ColumnRef(*found, found_column) : nullptr;
}

ExpressionPtr BindContext::Resolve(const std::vector<std::string>& names, int location) const {
  if (names.size() == 1) {
    auto result = TryResolve(names[0]);
    if (!result) {
      throw Exception(sqlstate::kUndefinedColumn, "column \"" + names[0] + "\" does not exist")
          .WithPosition(location);
    }
    return result;
  }
  const std::string& column = names.back();
  const std::string& table = names[names.size() - 2];
  const TableBinding* binding = FindAlias(table);
  if (binding && names.size() >= 3 && !binding->schema.empty() &&
      binding->schema != names[names.size() - 3]) {
    binding = nullptr;
  }
  if (!binding) {
    throw Exception(sqlstate::kUndefinedTable,
                    "missing FROM-clause entry for table \"" + table + "\"")
        .WithPosition(location);
  }
  for (idx_t i = 0; i < binding->names.size(); i++) {
    if (binding->names[i] == column)
      return ColumnRef(*binding, i);
  }
  throw Exception(sqlstate::kUndefinedColumn, "column " + table + "." + column + " does not exist")
      .WithPosition(location);
}

void BindContext::ExpandStar(const std::string& relation, std::vector<ExpressionPtr>& exprs,
                             std::vector<std::string>& names, int location) const {
  if (!relation.empty()) {
    auto* b = FindAlias(relation);
    if (!b) {
      throw Exception(sqlstate::kUndefinedTable,
                      "missing FROM-clause entry for table \"" + relation + "\"")
          .WithPosition(location);
    }
    for (idx_t i = 0; i < b->names.size(); i++) {
      exprs.push_back(ColumnRef(*b, i));
      names.push_back(b->names[i]);
    }
    return;
  }
  if (bindings_.empty()) {
    throw Exception(sqlstate::kSyntaxError, "SELECT * with no tables specified is not valid")
        .WithPosition(location);
  }
  // USING columns first (once each), then every other column in order.
  std::vector<std::pair<std::string, std::string>> merged;  // (alias, column)
  for (auto& u : using_columns_) {
    if (std::find(names.begin(), names.end(), u.name) == names.end()) {
      auto e = u.expression->Copy();
      e->alias = u.name;
      exprs.push_back(std::move(e));
      names.push_back(u.name);
    }
    for (auto& a : u.aliases)
      merged.emplace_back(a, u.name);
  }
  for (auto& b : bindings_) {
    for (idx_t i = 0; i < b.names.size(); i++) {
      if (std::find(merged.begin(), merged.end(), std::make_pair(b.alias, b.names[i])) !=
          merged.end()) {
        continue;
      }
      exprs.push_back(ColumnRef(b, i));
      names.push_back(b.names[i]);
    }
  }
}

}  // namespace tributary
