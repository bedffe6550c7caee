// One ORDER BY key after binding: NULL placement is always explicit
// (PostgreSQL's default: NULLS LAST for ASC, NULLS FIRST for DESC).
#pragma once

#include "planner/expression.h"

namespace tributary {

enum class OrderType : uint8_t { kAscending, kDescending };
enum class NullOrder : uint8_t { kNullsFirst, kNullsLast };

struct BoundOrderByNode {
  OrderType type = OrderType::kAscending;
  NullOrder null_order = NullOrder::kNullsLast;
  ExpressionPtr expression;

  BoundOrderByNode Copy() const { return {type, null_order, expression->Copy()}; }
  std::string ToString() const {
    return expression->ToString() + (type == OrderType::kAscending ? " ASC" : " DESC") +
           (null_order == NullOrder::kNullsFirst ? " NULLS FIRST" : " NULLS LAST");
  }
};

}  // namespace tributary
