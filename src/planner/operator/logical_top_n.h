// ORDER BY + LIMIT fused by the optimizer.
#pragma once

#include "planner/bound_order_by.h"
#include "planner/logical_operator.h"

namespace tributary {

class LogicalTopN : public LogicalOperator {
 public:
  LogicalTopN(std::vector<BoundOrderByNode> orders, idx_t limit, idx_t offset)
      : LogicalOperator(LogicalOperatorType::kTopN),
        orders(std::move(orders)),
        limit(limit),
        offset(offset) {}

  std::vector<BoundOrderByNode> orders;
  idx_t limit;
  idx_t offset;

  std::vector<ColumnBinding> GetColumnBindings() override {
    return children[0]->GetColumnBindings();
  }
  std::string GetName() const override { return "TOP_N"; }
  std::string ParamsToString() const override {
    std::string s;
    for (idx_t i = 0; i < orders.size(); i++)
      s += (i ? ", " : "") + orders[i].ToString();
    return s + "; limit " + std::to_string(limit) + " offset " + std::to_string(offset);
  }

 protected:
  void ResolveTypes() override { types = children[0]->types; }
};

}  // namespace tributary
