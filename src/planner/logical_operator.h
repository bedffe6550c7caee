// LogicalOperator: a node of the logical plan the binder builds and the
// optimizer rewrites. Columns are named by ColumnBinding, so passes can move,
// prune and reorder operators without renumbering anything.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "planner/column_binding.h"
#include "planner/expression.h"

namespace tributary {

enum class LogicalOperatorType : uint8_t {
  kGet,
  kRemoteGet,
  kTableFunction,
  kExpressionGet,
  kDummyScan,
  kFilter,
  kProjection,
  kAggregate,
  kJoin,
  kOrder,
  kLimit,
  kTopN,
  kDistinct,
  kSetOperation,
  kWindow,
  kInsert,
  kCreateTableAs,
  kMaterializedCte,
  kCteScan,
};

class LogicalOperator {
 public:
  explicit LogicalOperator(LogicalOperatorType type) : type(type) {}
  virtual ~LogicalOperator() = default;

  LogicalOperatorType type;
  std::vector<std::unique_ptr<LogicalOperator>> children;
  // The operator's own expressions (filter conjuncts, projection list,
  // aggregate list, ...); their meaning depends on the operator.
  std::vector<ExpressionPtr> expressions;
  // Output types, in GetColumnBindings() order (valid after ResolveTypes).
  std::vector<LogicalType> types;
  idx_t estimated_cardinality = 0;

  // The columns this operator outputs, in order.
  virtual std::vector<ColumnBinding> GetColumnBindings() = 0;
  // Recomputes `types` for this operator and its children.
  void ResolveOperatorTypes();

  virtual std::string GetName() const = 0;
  virtual std::string ParamsToString() const;
  std::string ToString(idx_t indent = 0) const;

  template <class T>
  T& Cast() {
    return static_cast<T&>(*this);
  }
  template <class T>
  const T& Cast() const {
    return static_cast<const T&>(*this);
  }

 protected:
  virtual void ResolveTypes() = 0;
};

using LogicalOperatorPtr = std::unique_ptr<LogicalOperator>;

// Bindings (table_index, 0..count) of an operator that creates columns.
std::vector<ColumnBinding> GenerateColumnBindings(idx_t table_index, idx_t count);

}  // namespace tributary
