// GROUP BY `groups` computing `expressions` (BoundAggregateExpressions).
// Outputs (group_index, i) for groups, then (aggregate_index, j).
// With GROUPING SETS, `grouping_sets` lists the positions in `groups` each
// set groups by (the others are NULL in its rows), and the output has one
// more group column, (group_index, groups.size()): the INTEGER position of
// the row's set in `grouping_sets`.
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
  std::vector<std::vector<idx_t>> grouping_sets;

  std::vector<ColumnBinding> GetColumnBindings() override {
    auto result =
        GenerateColumnBindings(group_index, groups.size() + (grouping_sets.empty() ? 0 : 1));
    for (idx_t i = 0; i < expressions.size(); i++)
      result.emplace_back(aggregate_index, i);
    return result;
  }
  std::string GetName() const override { return "AGGREGATE"; }
  std::string ParamsToString() const override {
    std::string s = "groups: ";
    for (idx_t i = 0; i < groups.size(); i++)
      s += (i ? ", " : "") + groups[i]->ToString();
    if (!grouping_sets.empty()) {
      s += "; grouping sets: ";
      for (idx_t i = 0; i < grouping_sets.size(); i++) {
        s += i ? ", (" : "(";
        for (idx_t j = 0; j < grouping_sets[i].size(); j++)
          s += (j ? ", " : "") + std::to_string(grouping_sets[i][j]);
        s += ")";
      }
    }
    return s + "; " + LogicalOperator::ParamsToString();
  }

 protected:
  void ResolveTypes() override {
    for (auto& g : groups)
      types.push_back(g->return_type);
    if (!grouping_sets.empty())
      types.push_back(LogicalType(LogicalTypeId::kInteger));
    for (auto& e : expressions)
      types.push_back(e->return_type);
  }
};

}  // namespace tributary
