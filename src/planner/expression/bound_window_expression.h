// f(args) OVER (PARTITION BY ... ORDER BY ... frame), inside a LogicalWindow.
// Every window of one LogicalWindow shares its partitions and orders (the
// binder groups them), so one sort serves them all.
#pragma once

#include <memory>

#include "function/aggregate_function.h"
#include "function/window_function.h"
#include "planner/bound_order_by.h"
#include "planner/expression.h"

namespace tributary {

enum class WindowFrameMode : uint8_t { kRows, kRange, kGroups };

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
  // The frame. RANGE frames have only unbounded and CURRENT ROW (peer) bounds;
  // offsets (>= 0) count rows in ROWS frames, peer groups in GROUPS frames.
  WindowFrameMode frame_mode = WindowFrameMode::kRange;
  WindowBoundary start = WindowBoundary::kUnboundedPreceding;
  WindowBoundary end = WindowBoundary::kCurrentRow;
  int64_t start_offset = 0;
  int64_t end_offset = 0;

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
