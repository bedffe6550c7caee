// UNION / INTERSECT / EXCEPT [ALL] of two inputs with equal column types.
#pragma once

#include "planner/logical_operator.h"

namespace tributary {

enum class SetOperationType : uint8_t { kUnion, kIntersect, kExcept };

class LogicalSetOperation : public LogicalOperator {
 public:
  LogicalSetOperation(idx_t table_index, idx_t column_count, SetOperationType op, bool all)
      : LogicalOperator(LogicalOperatorType::kSetOperation),
        table_index(table_index),
        column_count(column_count),
        op(op),
        all(all) {}

  idx_t table_index;
  idx_t column_count;
  SetOperationType op;
  bool all;

  std::vector<ColumnBinding> GetColumnBindings() override {
    return GenerateColumnBindings(table_index, column_count);
  }
  std::string GetName() const override {
    const char* names[] = {"UNION", "INTERSECT", "EXCEPT"};
    return std::string(names[static_cast<int>(op)]) + (all ? "_ALL" : "");
  }

 protected:
  void ResolveTypes() override { types = children[0]->types; }
};

}  // namespace tributary
