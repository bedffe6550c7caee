#pragma once

#include "planner/bound_order_by.h"
#include "planner/logical_operator.h"

namespace tributary {

class LogicalOrder : public LogicalOperator {
 public:
  explicit LogicalOrder(std::vector<BoundOrderByNode> orders)
      : LogicalOperator(LogicalOperatorType::kOrder), orders(std::move(orders)) {}

  std::vector<BoundOrderByNode> orders;

  std::vector<ColumnBinding> GetColumnBindings() override {
    return children[0]->GetColumnBindings();
  }
  std::string GetName() const override { return "ORDER_BY"; }
  std::string ParamsToString() const override {
    std::string s;
    for (idx_t i = 0; i < orders.size(); i++)
      s += (i ? ", " : "") + orders[i].ToString();
    return s;
  }

 protected:
  void ResolveTypes() override { types = children[0]->types; }
};

}  // namespace tributary
