// Binding of f(args) OVER (...): named windows, PARTITION BY, ORDER BY and
// the frame, with PostgreSQL's errors for misplaced window calls.
#include "binder/binder.h"
#include "binder/expression_binder.h"
#include "common/exception.h"
#include "execution/expression_executor.h"
#include "function/function_registry.h"
#include "planner/expression/bound_aggregate_expression.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_window_expression.h"
#include "types/timestamp.h"

#include <cmath>

namespace tributary {

namespace {

// The parsed parts of a window after following OVER w / OVER (w ...).
struct ResolvedWindow {
  const ExpressionList* partitions = nullptr;
  const std::vector<OrderByNode>* order_by = nullptr;
  const WindowFrame* frame = nullptr;
};

const WindowSpec* FindNamedWindow(const std::vector<std::pair<std::string, WindowSpec>>* named,
                                  const std::string& name, int location) {
  if (named) {
    for (auto& [n, spec] : *named) {
      if (n == name)
        return &spec;
    }
  }
  throw Exception(sqlstate::kUndefinedObject, "window \"" + name + "\" does not exist")
      .WithPosition(location);
}

ResolvedWindow Resolve(const std::vector<std::pair<std::string, WindowSpec>>* named,
                       const WindowSpec& spec, const std::string& own_name, int location,
                       int depth) {
  ResolvedWindow result{&spec.partitions, &spec.order_by, &spec.frame};
  if (spec.name.empty() || spec.name == own_name || depth > 16)
    return result;
  const WindowSpec* base = FindNamedWindow(named, spec.name, location);
  ResolvedWindow parent = Resolve(named, *base, spec.name, location, depth + 1);
  if (!spec.partitions.empty()) {
    throw Exception(sqlstate::kWindowingError,
                    "cannot override PARTITION BY clause of window \"" + spec.name + "\"")
        .WithPosition(location);
  }
  result.partitions = parent.partitions;
  if (!parent.order_by->empty()) {
    if (!spec.order_by.empty()) {
      throw Exception(sqlstate::kWindowingError,
                      "cannot override ORDER BY clause of window \"" + spec.name + "\"")
          .WithPosition(location);
    }
    result.order_by = parent.order_by;
  }
  if (parent.frame->mode != WindowFrame::FrameMode::kDefault) {
    if (spec.frame.mode != WindowFrame::FrameMode::kDefault || !spec.order_by.empty()) {
      throw Exception(sqlstate::kWindowingError,
                      "cannot copy window \"" + spec.name + "\" because it has a frame clause")
          .WithPosition(location);
    }
    result.frame = parent.frame;
  }
  return result;
}

WindowBoundary ToBoundary(WindowFrame::BoundKind kind) {
  switch (kind) {
    case WindowFrame::BoundKind::kUnboundedPreceding:
      return WindowBoundary::kUnboundedPreceding;
    case WindowFrame::BoundKind::kPreceding:
      return WindowBoundary::kOffsetPreceding;
    case WindowFrame::BoundKind::kCurrentRow:
      return WindowBoundary::kCurrentRow;
    case WindowFrame::BoundKind::kFollowing:
      return WindowBoundary::kOffsetFollowing;
    case WindowFrame::BoundKind::kUnboundedFollowing:
      return WindowBoundary::kUnboundedFollowing;
  }
  return WindowBoundary::kCurrentRow;
}

}  // namespace

Value ExpressionBinder::RangeOffsetValue(const LogicalType& key, ParsedExpression& offset,
                                         int location) {
  // PostgreSQL's in_range support: numeric keys take a numeric offset,
  // float keys a float8 one, dates and timestamps an interval.
  BindContext empty;
  ExpressionBinder offset_binder(binder_, empty, "window frame");
  auto bound = offset_binder.Bind(offset);
  LogicalType target;
  switch (key.id()) {
    case LogicalTypeId::kDecimal:
      target = IsUnknownLiteral(*bound) || bound->return_type.IsInteger()
                   ? LogicalType::Decimal(38, bound->return_type.IsInteger() ? 0 : 6)
                   : bound->return_type;
      if (!IsUnknownLiteral(*bound) && !bound->return_type.IsNumeric())
        target = LogicalType();
      if (bound->return_type.id() == LogicalTypeId::kReal ||
          bound->return_type.id() == LogicalTypeId::kDouble) {
        target = LogicalType();
      }
      break;
    case LogicalTypeId::kReal:
    case LogicalTypeId::kDouble:
      target = LogicalType(LogicalTypeId::kDouble);
      if (!IsUnknownLiteral(*bound) && !bound->return_type.IsNumeric())
        target = LogicalType();
      break;
    case LogicalTypeId::kDate:
    case LogicalTypeId::kTimestamp:
    case LogicalTypeId::kTimestampTz:
      target = LogicalType(LogicalTypeId::kInterval);
      if (!IsUnknownLiteral(*bound) && bound->return_type.id() != LogicalTypeId::kInterval)
        target = LogicalType();
      break;
    default:
      break;
  }
  if (target.id() == LogicalTypeId::kInvalid) {
    throw Exception(
        sqlstate::kFeatureNotSupported,
        "RANGE with offset PRECEDING/FOLLOWING is not supported for column type " + key.ToString() +
            " and offset type " +
            (IsUnknownLiteral(*bound) ? std::string("unknown") : bound->return_type.ToString()))
        .WithPosition(location);
  }
  bound = Coerce(std::move(bound), target);
  if (!bound->IsFoldable()) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "frame offsets must be constants in this version")
        .WithPosition(location);
  }
  Value v = ExpressionExecutor::EvaluateConstant(*bound);
  if (v.IsNull())
    throw Exception(sqlstate::kNullValueNotAllowed, "frame offset must not be null");
  bool negative = false;
  if (target.id() == LogicalTypeId::kDouble) {
    negative = std::isnan(v.GetDouble()) || v.GetDouble() < 0;
  } else if (target.id() == LogicalTypeId::kInterval) {
    auto iv = v.GetInterval();
    negative = static_cast<__int128>(iv.months) * 30 * Timestamp::kMicrosPerDay +
                   static_cast<__int128>(iv.days) * Timestamp::kMicrosPerDay + iv.micros <
               0;
  } else {
    negative = v.GetHugeint() < 0;
  }
  if (negative)
    throw Exception("22013", "invalid preceding or following size in window function");
  return v;
}

ExpressionPtr ExpressionBinder::BindWindow(FunctionExpression& expr) {
  if (in_aggregate_) {
    throw Exception(sqlstate::kGroupingError,
                    "aggregate function calls cannot contain window function calls")
        .WithPosition(expr.location);
  }
  if (in_window_) {
    throw Exception(sqlstate::kWindowingError, "window function calls cannot be nested")
        .WithPosition(expr.location);
  }
  if (!windows_) {
    throw Exception(sqlstate::kWindowingError,
                    std::string("window functions are not allowed in ") + clause_)
        .WithPosition(expr.location);
  }
  const std::string& name = expr.name;
  auto window_type = LookupWindowFunction(name);
  bool is_aggregate = expr.is_star || FunctionRegistry::BuiltIns().GetAggregate(name);
  if (!window_type && !is_aggregate) {
    if (FunctionRegistry::BuiltIns().GetScalar(name)) {
      throw Exception(
          sqlstate::kWrongObjectType,
          "OVER specified, but " + name + " is not a window function nor an aggregate function")
          .WithPosition(expr.location);
    }
    throw Exception(sqlstate::kUndefinedFunction, "function " + name + " does not exist")
        .WithPosition(expr.location);
  }
  if (expr.distinct) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "DISTINCT is not implemented for window functions")
        .WithPosition(expr.location);
  }
  if (expr.filter && window_type) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "FILTER is not implemented for non-aggregate window functions")
        .WithPosition(expr.location);
  }
  if (!expr.order_by.empty()) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "aggregate ORDER BY is not implemented for window functions")
        .WithPosition(expr.location);
  }
  in_window_ = true;
  std::vector<ExpressionPtr> args;
  for (auto& c : expr.children)
    args.push_back(Bind(*c));
  ExpressionPtr filter;
  if (expr.filter)
    filter = RequireBoolean(Bind(*expr.filter), "FILTER");
  ResolvedWindow spec = Resolve(named_windows_, *expr.over, "", expr.location, 0);
  std::vector<ExpressionPtr> partitions;
  for (auto& p : *spec.partitions)
    partitions.push_back(ResolveUnknown(Bind(*p)));
  std::vector<BoundOrderByNode> orders;
  for (auto& o : *spec.order_by) {
    BoundOrderByNode order;
    order.type = o.type == OrderByNode::OrderType::kDescending ? OrderType::kDescending
                                                               : OrderType::kAscending;
    if (o.nulls == OrderByNode::NullsOrder::kNullsFirst) {
      order.null_order = NullOrder::kNullsFirst;
    } else if (o.nulls == OrderByNode::NullsOrder::kNullsLast) {
      order.null_order = NullOrder::kNullsLast;
    } else {
      order.null_order =
          order.type == OrderType::kAscending ? NullOrder::kNullsLast : NullOrder::kNullsFirst;
    }
    order.expression = ResolveUnknown(Bind(*o.expression));
    orders.push_back(std::move(order));
  }
  in_window_ = false;

  auto arity_error = [&]() {
    return Exception(sqlstate::kUndefinedFunction, "function " + name + " with " +
                                                       std::to_string(args.size()) +
                                                       " arguments does not exist")
        .WithHint(
            "No function matches the given name and argument types. You might need to add "
            "explicit type casts.")
        .WithPosition(expr.location);
  };
  std::unique_ptr<BoundWindowExpression> result;
  // Unknown literals take their type from the context: lag/lead's default
  // from the value, everything else is text.
  bool lag_with_default =
      window_type &&
      (*window_type == WindowFunctionType::kLag || *window_type == WindowFunctionType::kLead) &&
      args.size() == 3;
  for (idx_t i = 0; i < args.size(); i++) {
    if (!lag_with_default || (i != 0 && i != 2))
      args[i] = ResolveUnknown(std::move(args[i]));
  }
  if (window_type) {
    LogicalType type;
    switch (*window_type) {
      case WindowFunctionType::kRowNumber:
      case WindowFunctionType::kRank:
      case WindowFunctionType::kDenseRank:
        if (!args.empty())
          throw arity_error();
        type = LogicalType(LogicalTypeId::kBigInt);
        break;
      case WindowFunctionType::kPercentRank:
      case WindowFunctionType::kCumeDist:
        if (!args.empty())
          throw arity_error();
        type = LogicalType(LogicalTypeId::kDouble);
        break;
      case WindowFunctionType::kNtile:
        if (args.size() != 1)
          throw arity_error();
        args[0] = Coerce(std::move(args[0]), LogicalType(LogicalTypeId::kInteger));
        type = LogicalType(LogicalTypeId::kInteger);
        break;
      case WindowFunctionType::kLag:
      case WindowFunctionType::kLead: {
        if (args.empty() || args.size() > 3)
          throw arity_error();
        if (args.size() >= 2)
          args[1] = Coerce(std::move(args[1]), LogicalType(LogicalTypeId::kInteger));
        if (args.size() == 3) {
          type = CommonType({args[0].get(), args[2].get()}, name.c_str());
        } else {
          type = args[0]->return_type;
        }
        args[0] = Coerce(std::move(args[0]), type);
        if (args.size() == 3)
          args[2] = Coerce(std::move(args[2]), type);
        break;
      }
      case WindowFunctionType::kFirstValue:
      case WindowFunctionType::kLastValue:
        if (args.size() != 1)
          throw arity_error();
        type = args[0]->return_type;
        break;
      case WindowFunctionType::kNthValue:
        if (args.size() != 2)
          throw arity_error();
        args[1] = Coerce(std::move(args[1]), LogicalType(LogicalTypeId::kInteger));
        type = args[0]->return_type;
        break;
      case WindowFunctionType::kAggregate:
        break;
    }
    if (expr.is_star) {
      throw Exception(sqlstate::kWrongObjectType,
                      name + "(*) specified, but " + name + " is not an aggregate function")
          .WithPosition(expr.location);
    }
    result = std::make_unique<BoundWindowExpression>(*window_type, name, type);
    result->children = std::move(args);
  } else {
    auto aggregate = ResolveAggregate(expr, std::move(args));
    if (aggregate->function.destructor) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      name + " is not supported as a window function yet")
          .WithPosition(expr.location);
    }
    result = std::make_unique<BoundWindowExpression>(WindowFunctionType::kAggregate, name,
                                                     aggregate->return_type);
    result->aggregate = std::make_unique<AggregateFunction>(aggregate->function);
    result->bind_data = std::move(aggregate->bind_data);
    result->children = std::move(aggregate->children);
    result->filter = std::move(filter);
  }
  result->partitions = std::move(partitions);
  result->orders = std::move(orders);

  // The frame. Without one: RANGE UNBOUNDED PRECEDING .. CURRENT ROW (with
  // peers), which is the whole partition when there is no ORDER BY.
  const WindowFrame& frame = *spec.frame;
  if (frame.mode == WindowFrame::FrameMode::kGroups && spec.order_by->empty()) {
    throw Exception(sqlstate::kWindowingError, "GROUPS mode requires an ORDER BY clause")
        .WithPosition(expr.location);
  }
  if (frame.mode != WindowFrame::FrameMode::kDefault) {
    result->frame_mode = frame.mode == WindowFrame::FrameMode::kRows     ? WindowFrameMode::kRows
                         : frame.mode == WindowFrame::FrameMode::kGroups ? WindowFrameMode::kGroups
                                                                         : WindowFrameMode::kRange;
    result->start = ToBoundary(frame.start);
    result->end = ToBoundary(frame.end);
    auto offset_value = [&](const ParsedExpressionPtr& offset, bool is_start) -> int64_t {
      const char* which = is_start ? "starting" : "ending";
      bool range = result->frame_mode == WindowFrameMode::kRange;
      if (range && result->orders.size() != 1) {
        throw Exception(sqlstate::kWindowingError,
                        "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY "
                        "column")
            .WithPosition(expr.location);
      }
      if (range && !result->orders[0].expression->return_type.IsInteger()) {
        (is_start ? result->start_value : result->end_value) =
            RangeOffsetValue(result->orders[0].expression->return_type, *offset, expr.location);
        return 0;
      }
      BindContext empty;
      ExpressionBinder offset_binder(binder_, empty, "window frame");
      auto bound = Coerce(offset_binder.Bind(*offset), LogicalType(LogicalTypeId::kBigInt));
      if (!bound->IsFoldable()) {
        throw Exception(sqlstate::kFeatureNotSupported,
                        "frame offsets must be constants in this version")
            .WithPosition(expr.location);
      }
      Value v = ExpressionExecutor::EvaluateConstant(*bound);
      if (v.IsNull()) {
        throw Exception(sqlstate::kNullValueNotAllowed,
                        std::string("frame ") + which + " offset must not be null");
      }
      if (v.GetInt64() < 0) {
        if (range)
          throw Exception("22013", "invalid preceding or following size in window function");
        throw Exception("22013", std::string("frame ") + which + " offset must not be negative");
      }
      return v.GetInt64();
    };
    result->exclude = static_cast<WindowExclude>(static_cast<int>(frame.exclude));
    if (frame.start_offset)
      result->start_offset = offset_value(frame.start_offset, true);
    if (frame.end_offset)
      result->end_offset = offset_value(frame.end_offset, false);
  }

  LogicalType type = result->return_type;
  for (idx_t i = 0; i < windows_->size(); i++) {
    if ((*windows_)[i]->Equals(*result))
      return std::make_unique<BoundColumnRefExpression>(type, ColumnBinding(window_index_, i));
  }
  windows_->push_back(std::move(result));
  return std::make_unique<BoundColumnRefExpression>(
      type, ColumnBinding(window_index_, windows_->size() - 1));
}

}  // namespace tributary
