// A join of children[0] (left) and children[1] (right).
//   conditions: left-expression <cmp> right-expression pairs (may be empty)
//   residual:   any other predicate over both sides' bindings (may be null)
// No conditions and no residual with kInner = cross product.
// Outputs left bindings then right bindings; kSemi/kAnti only the left's;
// kMark the left's plus (mark_index, 0); kRightSemi/kRightAnti only the
// right's.
#pragma once

#include "planner/join_condition.h"
#include "planner/join_type.h"
#include "planner/logical_operator.h"

namespace tributary {

class LogicalJoin : public LogicalOperator {
 public:
  explicit LogicalJoin(JoinType join_type)
      : LogicalOperator(LogicalOperatorType::kJoin), join_type(join_type) {}

  JoinType join_type;
  std::vector<JoinCondition> conditions;
  ExpressionPtr residual;
  idx_t mark_index = kInvalidIndex;

  std::vector<ColumnBinding> GetColumnBindings() override {
    if (join_type == JoinType::kRightSemi || join_type == JoinType::kRightAnti)
      return children[1]->GetColumnBindings();
    auto result = children[0]->GetColumnBindings();
    if (join_type == JoinType::kSemi || join_type == JoinType::kAnti)
      return result;
    if (join_type == JoinType::kMark) {
      result.emplace_back(mark_index, 0);
      return result;
    }
    auto right = children[1]->GetColumnBindings();
    result.insert(result.end(), right.begin(), right.end());
    return result;
  }
  std::string GetName() const override {
    return std::string(JoinTypeToString(join_type)) + "_JOIN";
  }
  std::string ParamsToString() const override {
    std::string s;
    for (idx_t i = 0; i < conditions.size(); i++)
      s += (i ? " AND " : "") + conditions[i].ToString();
    if (residual)
      s += (s.empty() ? "" : " AND ") + residual->ToString();
    return s;
  }

 protected:
  void ResolveTypes() override {
    if (join_type == JoinType::kRightSemi || join_type == JoinType::kRightAnti) {
      types = children[1]->types;
      return;
    }
    types = children[0]->types;
    if (join_type == JoinType::kSemi || join_type == JoinType::kAnti)
      return;
    if (join_type == JoinType::kMark) {
      types.push_back(LogicalTypeId::kBoolean);
      return;
    }
    types.insert(types.end(), children[1]->types.begin(), children[1]->types.end());
  }
};

}  // namespace tributary
