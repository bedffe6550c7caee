#include "optimizer/statistics_estimate.h"

#include <algorithm>
#include <limits>

#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/expression/bound_operator_expression.h"
#include "planner/operator/logical_aggregate.h"
#include "planner/operator/logical_get.h"
#include "planner/operator/logical_join.h"
#include "planner/operator/logical_remote_get.h"
#include "storage/data_table.h"
#include "storage/row_group.h"

namespace tributary {

namespace {

// The stored table scan in `op`'s subtree that produces `binding`, or null.
LogicalGet* FindGet(LogicalOperator& op, const ColumnBinding& binding) {
  if (op.type == LogicalOperatorType::kGet) {
    auto& get = op.Cast<LogicalGet>();
    return get.table_index == binding.table_index ? &get : nullptr;
  }
  for (auto& child : op.children) {
    if (auto* found = FindGet(*child, binding))
      return found;
  }
  return nullptr;
}

// The statistics of the scanned column `binding` refers to in `op`'s
// subtree, or null.
const ColumnStatistics* FindColumn(LogicalOperator& op, const ColumnBinding& binding) {
  auto* get = FindGet(op, binding);
  if (!get)
    return nullptr;
  auto stats = get->table->statistics;
  if (!stats || binding.column_index >= stats->columns.size())
    return nullptr;
  return &stats->columns[binding.column_index];
}

const ColumnStatistics* ColumnOf(LogicalOperator& op, const Expression& expr) {
  if (expr.expression_class != ExpressionClass::kColumnRef)
    return nullptr;
  auto& ref = expr.Cast<BoundColumnRefExpression>();
  return ref.depth == 0 ? FindColumn(op, ref.binding) : nullptr;
}

// The fraction of rows a conjunct keeps, or a negative number if unknown.
double Selectivity(LogicalOperator& op, const Expression& conjunct) {
  if (conjunct.expression_class == ExpressionClass::kComparison) {
    auto& cmp = conjunct.Cast<BoundComparisonExpression>();
    if (cmp.type != ComparisonType::kEqual)
      return -1;
    const ColumnStatistics* column = nullptr;
    if (cmp.right->IsFoldable())
      column = ColumnOf(op, *cmp.left);
    else if (cmp.left->IsFoldable())
      column = ColumnOf(op, *cmp.right);
    if (!column)
      return -1;
    return column->distinct_count == 0 ? 0.0 : 1.0 / static_cast<double>(column->distinct_count);
  }
  if (conjunct.expression_class == ExpressionClass::kOperator) {
    auto& o = conjunct.Cast<BoundOperatorExpression>();
    if ((o.type == OperatorType::kIsNull || o.type == OperatorType::kIsNotNull) &&
        o.children.size() == 1) {
      auto* column = ColumnOf(op, *o.children[0]);
      if (!column)
        return -1;
      return o.type == OperatorType::kIsNull ? column->null_fraction : 1.0 - column->null_fraction;
    }
  }
  return -1;
}

// `value` as the integer a zone map of a `type` column compares (integer
// types, DATE, TIMESTAMP, DECIMAL(p<=18) at the column's scale).
bool IntegerValue(const LogicalType& type, const Value& value, int64_t& out) {
  if (value.IsNull())
    return false;
  switch (type.id()) {
    case LogicalTypeId::kSmallInt:
    case LogicalTypeId::kInteger:
    case LogicalTypeId::kBigInt:
    case LogicalTypeId::kDate:
    case LogicalTypeId::kTimestamp:
      if (!(value.type() == type))
        return false;
      out = value.GetInt64();
      return true;
    case LogicalTypeId::kDecimal: {
      if (value.type().id() != LogicalTypeId::kDecimal || value.type().scale() != type.scale() ||
          type.width() > LogicalType::kMaxInt64DecimalPrecision)
        return false;
      hugeint_t unscaled = value.GetHugeint();
      if (unscaled > std::numeric_limits<int64_t>::max() ||
          unscaled < std::numeric_limits<int64_t>::min())
        return false;
      out = static_cast<int64_t>(unscaled);
      return true;
    }
    default:
      return false;
  }
}

// The smallest and largest value of an integer-like stored column, from
// ANALYZE's statistics or else the zone maps of every row group (all
// persisted); false when neither knows.
bool ColumnRange(LogicalGet& get, idx_t column, int64_t& min, int64_t& max) {
  if (column >= get.table->columns.size())
    return false;
  auto& type = get.table->columns[column].type;
  auto stats = get.table->statistics;
  if (stats && column < stats->columns.size() && !stats->columns[column].min.IsNull() &&
      IntegerValue(type, stats->columns[column].min, min) &&
      IntegerValue(type, stats->columns[column].max, max)) {
    return true;
  }
  auto snapshot = get.table->storage->Committed();
  if (snapshot->row_groups.empty())
    return false;
  bool any = false;
  for (auto& group : snapshot->row_groups) {
    if (!group->persisted())
      return false;
    auto segments = group->segments();
    if (column >= segments.size())
      return false;
    auto& zone = segments[column].stats;
    if (!zone.has_min_max) {
      if (zone.null_count == group->count())
        continue;  // only NULLs
      return false;
    }
    min = any ? std::min(min, zone.min) : zone.min;
    max = any ? std::max(max, zone.max) : zone.max;
    any = true;
  }
  return any;
}

// A conjunct `column <op> constant` on an integer-like stored column whose
// range is known, as bounds on the column: [lo, hi].
struct ColumnBounds {
  ColumnBinding binding;
  int64_t min = 0, max = 0;  // the column's range
  int64_t lo = 0, hi = 0;    // what the conjuncts keep
};

bool RangeConjunct(LogicalOperator& op, const Expression& conjunct, ColumnBounds& bounds) {
  if (conjunct.expression_class != ExpressionClass::kComparison)
    return false;
  auto [column, constant, type] = ConstantOnRight(conjunct.Cast<BoundComparisonExpression>());
  if (column->expression_class != ExpressionClass::kColumnRef ||
      constant->expression_class != ExpressionClass::kConstant)
    return false;
  auto& ref = column->Cast<BoundColumnRefExpression>();
  if (ref.depth != 0)
    return false;
  auto* get = FindGet(op, ref.binding);
  if (!get || ref.binding.column_index >= get->table->columns.size())
    return false;
  int64_t v;
  if (!IntegerValue(get->table->columns[ref.binding.column_index].type,
                    constant->Cast<BoundConstantExpression>().value, v))
    return false;
  int64_t lo = std::numeric_limits<int64_t>::min(), hi = std::numeric_limits<int64_t>::max();
  switch (type) {
    case ComparisonType::kEqual:
      lo = hi = v;
      break;
    case ComparisonType::kLessThan:
      if (v == lo)
        return false;
      hi = v - 1;
      break;
    case ComparisonType::kLessThanOrEqual:
      hi = v;
      break;
    case ComparisonType::kGreaterThan:
      if (v == hi)
        return false;
      lo = v + 1;
      break;
    case ComparisonType::kGreaterThanOrEqual:
      lo = v;
      break;
    default:
      return false;
  }
  if (!ColumnRange(*get, ref.binding.column_index, bounds.min, bounds.max))
    return false;
  bounds.binding = ref.binding;
  bounds.lo = lo;
  bounds.hi = hi;
  return true;
}

// The fraction of a column's range [min, max] that [lo, hi] covers
// (uniform values assumed). An equality inside the range is left to the
// other estimates (negative).
double RangeFraction(const ColumnBounds& b, bool equality) {
  double lo = std::max<double>(b.lo, b.min), hi = std::min<double>(b.hi, b.max);
  if (lo > hi)
    return 0;
  if (equality)
    return -1;
  return std::min(1.0, (hi - lo + 1) / (static_cast<double>(b.max) - b.min + 1));
}

// The most distinct values the key `expr` of a join input `side` can have:
// the rows of the stored table its column comes from (a foreign key has no
// more values than the key it references), else the input's estimate.
double KeyBound(LogicalOperator& side, const Expression& expr) {
  double rows = static_cast<double>(side.estimated_cardinality);
  if (expr.expression_class != ExpressionClass::kColumnRef)
    return rows;
  auto& ref = expr.Cast<BoundColumnRefExpression>();
  auto* get = ref.depth == 0 ? FindGet(side, ref.binding) : nullptr;
  if (!get)
    return rows;
  return static_cast<double>(get->table->storage->RowCount());
}

// A conjunct the remote scan below also sent to its source as a prefilter
// (filter_pushdown.cpp): its selectivity is in the scan's estimate.
bool IsRemoteRecheck(LogicalOperator& child, const Expression& conjunct) {
  if (child.type != LogicalOperatorType::kRemoteGet)
    return false;
  for (auto& sent : child.Cast<LogicalRemoteGet>().remote_filters) {
    if (sent->Equals(conjunct))
      return true;
  }
  return false;
}

idx_t Clamp(double rows) {
  return rows < 1 ? 1 : static_cast<idx_t>(rows);
}

}  // namespace

std::optional<idx_t> EstimateFromStatistics(LogicalOperator& op) {
  if (op.children.empty())
    return std::nullopt;
  double input = static_cast<double>(op.children[0]->estimated_cardinality);
  switch (op.type) {
    case LogicalOperatorType::kFilter: {
      double rows = input;
      bool known = false;
      // Range conjuncts on one column (BETWEEN's two) bound it together.
      std::vector<ColumnBounds> ranges;
      for (auto& conjunct : op.expressions) {
        if (IsRemoteRecheck(*op.children[0], *conjunct)) {
          known = true;  // already counted in the remote scan's estimate
          continue;
        }
        ColumnBounds bounds;
        if (RangeConjunct(*op.children[0], *conjunct, bounds)) {
          if (bounds.lo == bounds.hi) {
            if (RangeFraction(bounds, true) == 0) {
              known = true;  // an equality outside the column's range
              rows = 0;
              continue;
            }
          } else {
            bool merged = false;
            for (auto& range : ranges) {
              if (range.binding == bounds.binding) {
                range.lo = std::max(range.lo, bounds.lo);
                range.hi = std::min(range.hi, bounds.hi);
                merged = true;
              }
            }
            if (!merged)
              ranges.push_back(bounds);
            continue;
          }
        }
        double s = Selectivity(*op.children[0], *conjunct);
        if (s >= 0) {
          known = true;
          rows *= s;
        } else {
          rows /= 5;  // EstimateCardinalities' guess for the others
        }
      }
      for (auto& range : ranges) {
        known = true;
        rows *= RangeFraction(range, false);
      }
      return known ? std::optional<idx_t>(Clamp(rows)) : std::nullopt;
    }
    case LogicalOperatorType::kAggregate: {
      auto& aggregate = op.Cast<LogicalAggregate>();
      if (aggregate.groups.empty())
        return std::nullopt;
      double groups = 1;
      for (auto& group : aggregate.groups) {
        auto* column = ColumnOf(*op.children[0], *group);
        if (!column)
          return std::nullopt;
        groups *= static_cast<double>(std::max<idx_t>(column->distinct_count, 1)) +
                  (column->null_fraction > 0 ? 1 : 0);
      }
      return Clamp(std::min(groups, input));
    }
    case LogicalOperatorType::kJoin: {
      auto& join = op.Cast<LogicalJoin>();
      bool semi = join.join_type == JoinType::kSemi;
      if ((join.join_type != JoinType::kInner && !semi) || op.children.size() != 2)
        return std::nullopt;
      double right = static_cast<double>(op.children[1]->estimated_cardinality);
      for (auto& condition : join.conditions) {
        if (semi)
          break;
        if (condition.comparison != ComparisonType::kEqual)
          continue;
        auto* l = ColumnOf(*op.children[0], *condition.left);
        auto* r = ColumnOf(*op.children[1], *condition.right);
        if (!l || !r)
          continue;
        double distinct =
            static_cast<double>(std::max({l->distinct_count, r->distinct_count, idx_t(1)}));
        return Clamp(input * right / distinct);
      }
      // Without statistics: an equality matches each row of the side whose
      // key has fewer possible values at most once (key / foreign key), so
      // the other side is scaled by the fraction of those keys present.
      // Unknown keys are bounded by their input's rows, which gives the
      // larger input, EstimateCardinalities' guess.
      double rows = -1;
      for (auto& condition : join.conditions) {
        if (condition.comparison != ComparisonType::kEqual)
          continue;
        double keys = std::max(1.0, std::min(KeyBound(*op.children[0], *condition.left),
                                             KeyBound(*op.children[1], *condition.right)));
        double estimate = input * right / keys;
        rows = rows < 0 ? estimate : std::min(rows, estimate);
      }
      if (rows < 0)
        return std::nullopt;
      // A semi join keeps its left rows whose key is present at most.
      return Clamp(semi ? std::min(rows, input) : rows);
    }
    default:
      return std::nullopt;
  }
}

}  // namespace tributary
