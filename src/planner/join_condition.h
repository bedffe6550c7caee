// A join condition `left <cmp> right` where `left` reads only the left
// input's columns and `right` only the right input's.
#pragma once

#include "planner/expression/bound_comparison_expression.h"

namespace tributary {

struct JoinCondition {
  ExpressionPtr left;
  ExpressionPtr right;
  ComparisonType comparison = ComparisonType::kEqual;

  JoinCondition Copy() const { return {left->Copy(), right->Copy(), comparison}; }
  std::string ToString() const {
    return left->ToString() + " " + ComparisonTypeToString(comparison) + " " + right->ToString();
  }
};

}  // namespace tributary
