#include "binder/grouping_function.h"

#include <algorithm>

#include "binder/expression_binder.h"
#include "common/exception.h"
#include "planner/expression/bound_case_expression.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_constant_expression.h"

namespace tributary {

ExpressionPtr ExpressionBinder::BindGrouping(FunctionExpression& expr) {
  if (!groupings_) {
    throw Exception(sqlstate::kGroupingError,
                    std::string("grouping operations are not allowed in ") + clause_)
        .WithPosition(expr.location);
  }
  if (expr.children.size() > 31) {
    throw Exception("54023", "GROUPING must have fewer than 32 arguments")
        .WithPosition(expr.location);
  }
  std::vector<ExpressionPtr> args;
  for (auto& c : expr.children)
    args.push_back(ResolveUnknown(Bind(*c)));
  groupings_->calls.push_back(std::move(args));
  groupings_->locations.push_back(expr.location);
  return std::make_unique<BoundColumnRefExpression>(
      LogicalType(LogicalTypeId::kInteger),
      ColumnBinding(groupings_->index, groupings_->calls.size() - 1));
}

void GroupingFunctions::Resolve(const std::vector<ExpressionPtr>& groups,
                                const std::vector<std::vector<idx_t>>& sets, idx_t group_index) {
  resolved_.clear();
  for (idx_t k = 0; k < calls.size(); k++) {
    std::vector<idx_t> positions;
    for (auto& arg : calls[k]) {
      auto it = std::find_if(groups.begin(), groups.end(),
                             [&](const ExpressionPtr& g) { return g->Equals(*arg); });
      if (it == groups.end()) {
        throw Exception(sqlstate::kGroupingError,
                        "arguments to GROUPING must be grouping expressions of the associated "
                        "query level")
            .WithPosition(locations[k]);
      }
      positions.push_back(it - groups.begin());
    }
    // The value for each grouping set.
    auto value_in = [&](const std::vector<idx_t>& set) {
      int32_t value = 0;
      for (idx_t i = 0; i < positions.size(); i++) {
        bool grouped = std::find(set.begin(), set.end(), positions[i]) != set.end();
        if (!grouped)
          value |= int32_t(1) << (positions.size() - 1 - i);
      }
      return value;
    };
    if (sets.empty()) {
      resolved_.push_back(std::make_unique<BoundConstantExpression>(Value::Integer(0)));
      continue;
    }
    std::vector<int32_t> values;
    for (auto& set : sets)
      values.push_back(value_in(set));
    if (std::all_of(values.begin(), values.end(), [&](int32_t v) { return v == values[0]; })) {
      resolved_.push_back(std::make_unique<BoundConstantExpression>(Value::Integer(values[0])));
      continue;
    }
    // CASE set WHEN s THEN value(s) ... END, the last set as the ELSE.
    std::vector<BoundCaseCheck> checks;
    for (idx_t s = 0; s + 1 < sets.size(); s++) {
      auto set_column = std::make_unique<BoundColumnRefExpression>(
          LogicalType(LogicalTypeId::kInteger), ColumnBinding(group_index, groups.size()));
      auto when = std::make_unique<BoundComparisonExpression>(
          ComparisonType::kEqual, std::move(set_column),
          std::make_unique<BoundConstantExpression>(Value::Integer(static_cast<int32_t>(s))));
      checks.push_back(
          {std::move(when), std::make_unique<BoundConstantExpression>(Value::Integer(values[s]))});
    }
    resolved_.push_back(std::make_unique<BoundCaseExpression>(
        LogicalType(LogicalTypeId::kInteger), std::move(checks),
        std::make_unique<BoundConstantExpression>(Value::Integer(values.back()))));
  }
}

ExpressionPtr GroupingFunctions::Replace(ExpressionPtr expr) const {
  if (calls.empty())
    return expr;
  if (expr->expression_class == ExpressionClass::kColumnRef) {
    auto& ref = expr->Cast<BoundColumnRefExpression>();
    if (ref.depth == 0 && ref.binding.table_index == index) {
      auto result = resolved_[ref.binding.column_index]->Copy();
      result->alias = expr->alias;
      return result;
    }
    return expr;
  }
  expr->ForEachChild([&](ExpressionPtr& child) { child = Replace(std::move(child)); });
  return expr;
}

}  // namespace tributary
