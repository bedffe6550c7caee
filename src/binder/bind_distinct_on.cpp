// SELECT DISTINCT ON (exprs): the first row of each distinct value of
// `exprs` in ORDER BY order, planned as ROW_NUMBER() OVER (PARTITION BY exprs
// ORDER BY ...) = 1, so it runs in the window operator (parallel over
// partitions) instead of a sort of all rows followed by a serial scan.
#include <algorithm>

#include "binder/binder.h"
#include "common/exception.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/expression/bound_window_expression.h"
#include "planner/operator/logical_filter.h"
#include "planner/operator/logical_window.h"

namespace tributary {

void Binder::CheckDistinctOnOrder(const std::vector<idx_t>& on,
                                  const std::vector<idx_t>& order_columns, SelectNode& node) {
  // PostgreSQL: ORDER BY's leading keys, until every DISTINCT ON expression
  // has been met (or ORDER BY ends), must all be DISTINCT ON expressions.
  std::vector<bool> met(on.size(), false);
  idx_t remaining = on.size();
  for (idx_t column : order_columns) {
    if (remaining == 0)
      break;
    auto it = std::find(on.begin(), on.end(), column);
    if (it == on.end()) {
      idx_t first = std::find(met.begin(), met.end(), false) - met.begin();
      throw Exception(sqlstate::kInvalidColumnReference,
                      "SELECT DISTINCT ON expressions must match initial ORDER BY expressions")
          .WithPosition(node.distinct_on[first]->location);
    }
    for (idx_t i = 0; i < on.size(); i++) {
      if (on[i] == column && !met[i]) {
        met[i] = true;
        remaining--;
      }
    }
  }
}

LogicalOperatorPtr Binder::PlanDistinctOn(const std::vector<idx_t>& on,
                                          const std::vector<BoundOrderByNode>& orders,
                                          idx_t projection_index, LogicalOperatorPtr plan) {
  plan->ResolveOperatorTypes();
  auto window = std::make_unique<BoundWindowExpression>(WindowFunctionType::kRowNumber,
                                                        "row_number", LogicalTypeId::kBigInt);
  for (idx_t column : on) {
    window->partitions.push_back(std::make_unique<BoundColumnRefExpression>(
        plan->types[column], ColumnBinding(projection_index, column)));
  }
  for (auto& o : orders)
    window->orders.push_back(o.Copy());
  window->frame_mode = WindowFrameMode::kRows;
  idx_t window_index = GenerateTableIndex();
  std::vector<ExpressionPtr> windows;
  windows.push_back(std::move(window));
  auto logical_window = std::make_unique<LogicalWindow>(window_index, std::move(windows));
  logical_window->children.push_back(std::move(plan));
  auto first = std::make_unique<BoundComparisonExpression>(
      ComparisonType::kEqual,
      std::make_unique<BoundColumnRefExpression>(LogicalTypeId::kBigInt,
                                                 ColumnBinding(window_index, 0)),
      std::make_unique<BoundConstantExpression>(Value::BigInt(1)));
  auto filter = std::make_unique<LogicalFilter>(std::move(first));
  filter->children.push_back(std::move(logical_window));
  return filter;
}

}  // namespace tributary
