// f(args) OVER (PARTITION BY ... ORDER BY ... frame), inside a LogicalWindow.
// Every window of one LogicalWindow shares its partitions and orders (the
// binder groups them), so one sort serves them all.
#pragma once

#include <memory>

#include "function/aggregate_function.h"
#include "function/window_function.h"
#include "planner/bound_order_by.h"
#include "planner/expression.h"
#include "types/value.h"

namespace tributary {

enum class WindowFrameMode : uint8_t { kRows, kRange, kGroups };

// EXCLUDE: rows taken out of every frame (relative to the current row).
enum class WindowExclude : uint8_t { kNoOthers, kCurrentRow, kGroup, kTies };

enum class WindowBoundary : uint8_t {
  kUnboundedPreceding,
  kOffsetPreceding,
  kCurrentRow,
  kOffsetFollowing,
  kUnboundedFollowing,
};

class BoundWindowExpression : public Expression {
 public:
  BoundWindowExpression(WindowFunctionType window_type, std::string name, LogicalType return_type)
      : Expression(ExpressionClass::kWindow, std::move(return_type)),
        window_type(window_type),
        name(std::move(name)) {}

  WindowFunctionType window_type;
  std::string name;
  // The aggregate when window_type is kAggregate (count(*) has no children).
  std::unique_ptr<AggregateFunction> aggregate;
  std::unique_ptr<FunctionData> bind_data;
  std::vector<ExpressionPtr> children;
  // Aggregates only: FILTER (WHERE filter); may be null.
  ExpressionPtr filter;
  std::vector<ExpressionPtr> partitions;
  std::vector<BoundOrderByNode> orders;
  // The frame. Offsets (>= 0) count rows in ROWS frames, peer groups in
  // GROUPS frames, and are key distances in RANGE frames: start_offset /
  // end_offset for integer keys; start_value / end_value (DECIMAL, DOUBLE or
  // INTERVAL, NULL otherwise) for DECIMAL, REAL/DOUBLE, DATE and TIMESTAMP keys.
  WindowFrameMode frame_mode = WindowFrameMode::kRange;
  WindowBoundary start = WindowBoundary::kUnboundedPreceding;
  WindowBoundary end = WindowBoundary::kCurrentRow;
  int64_t start_offset = 0;
  int64_t end_offset = 0;
  Value start_value = Value::Null(LogicalTypeId::kBigInt);
  Value end_value = Value::Null(LogicalTypeId::kBigInt);
  WindowExclude exclude = WindowExclude::kNoOthers;

  // Same PARTITION BY and ORDER BY (the frame may differ).
  bool SameWindow(const BoundWindowExpression& other) const;

  std::string ToString() const override;
  std::unique_ptr<Expression> Copy() const override;
  bool Equals(const Expression& other) const override;
  void ForEachChild(const std::function<void(ExpressionPtr&)>& fn) override {
    for (auto& c : children)
      fn(c);
    if (filter)
      fn(filter);
    for (auto& p : partitions)
      fn(p);
    for (auto& o : orders)
      fn(o.expression);
  }
  bool IsFoldable() const override { return false; }
};

}  // namespace tributary
