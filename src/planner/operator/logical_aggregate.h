// GROUP BY `groups` computing `expressions` (BoundAggregateExpressions).
// Outputs (group_index, i) for groups, then (aggregate_index, j).
#pragma once

#include "planner/logical_operator.h"

namespace tributary {

class LogicalAggregate : public LogicalOperator {
 public:
  LogicalAggregate(idx_t group_index, idx_t aggregate_index, std::vector<ExpressionPtr> aggregates)
      : LogicalOperator(LogicalOperatorType::kAggregate),
        group_index(group_index),
        aggregate_index(aggregate_index) {
    expressions = std::move(aggregates);
  }

  idx_t group_index;
  idx_t aggregate_index;
  std::vector<ExpressionPtr> groups;

  std::vector<ColumnBinding> GetColumnBindings() override {
    auto result = GenerateColumnBindings(group_index, groups.size());
    for (idx_t i = 0; i < expressions.size(); i++)
      result.emplace_back(aggregate_index, i);
    return result;
  }
  std::string GetName() const override { return "AGGREGATE"; }
  std::string ParamsToString() const override {
    std::string s = "groups: ";
    for (idx_t i = 0; i < groups.size(); i++)
      s += (i ? ", " : "") + groups[i]->ToString();
    return s + "; " + LogicalOperator::ParamsToString();
  }

 protected:
  void ResolveTypes() override {
    for (auto& g : groups)
      types.push_back(g->return_type);
    for (auto& e : expressions)
      types.push_back(e->return_type);
  }
};

}  // namespace tributary
