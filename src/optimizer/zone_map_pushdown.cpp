// Pass: copies `column <op> constant` conjuncts of a filter directly above a
// stored table's scan into the scan's zone map filters, so it can skip row
// groups (the filter stays: zone maps only rule row groups out).
#include <cmath>
#include <limits>

#include "optimizer/optimizer.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_conjunction_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/operator/logical_get.h"

namespace tributary {

namespace {

// Fills `filter`'s kind and value for a comparison of a `column_type`
// column with `value`; false when zone maps cannot decide it.
bool ZoneMapValue(const LogicalType& column_type, const Value& value, ZoneMapFilter& filter) {
  switch (column_type.id()) {
    case LogicalTypeId::kSmallInt:
    case LogicalTypeId::kInteger:
    case LogicalTypeId::kBigInt:
    case LogicalTypeId::kDate:
    case LogicalTypeId::kTimestamp:
    case LogicalTypeId::kTimestampTz:
      if (value.type() != column_type)
        return false;
      filter.kind = ZoneMapFilter::Kind::kInteger;
      filter.value = value.GetInt64();
      return true;
    case LogicalTypeId::kDecimal: {
      // Unscaled values: only a constant at the column's scale compares.
      if (value.type().id() != LogicalTypeId::kDecimal ||
          value.type().scale() != column_type.scale() ||
          column_type.width() > LogicalType::kMaxInt64DecimalPrecision) {
        return false;
      }
      hugeint_t unscaled = value.GetHugeint();
      if (unscaled > std::numeric_limits<int64_t>::max() ||
          unscaled < std::numeric_limits<int64_t>::min()) {
        return false;
      }
      filter.kind = ZoneMapFilter::Kind::kInteger;
      filter.value = static_cast<int64_t>(unscaled);
      return true;
    }
    case LogicalTypeId::kReal:
    case LogicalTypeId::kDouble:
      if (value.type().id() != column_type.id() || std::isnan(value.GetDouble()))
        return false;
      filter.kind = ZoneMapFilter::Kind::kFloat;
      filter.float_value = value.GetDouble();
      return true;
    case LogicalTypeId::kVarchar:
      // CHAR compares without trailing blanks: not by its stored bytes.
      if (value.type().id() != LogicalTypeId::kVarchar)
        return false;
      filter.kind = ZoneMapFilter::Kind::kString;
      filter.string_value = value.GetString();
      return true;
    default:
      return false;
  }
}

void Collect(const Expression& expr, LogicalGet& get) {
  if (expr.expression_class == ExpressionClass::kConjunction) {
    auto& conjunction = static_cast<const BoundConjunctionExpression&>(expr);
    if (conjunction.type != ConjunctionType::kAnd)
      return;
    for (auto& child : conjunction.children)
      Collect(*child, get);
    return;
  }
  if (expr.expression_class != ExpressionClass::kComparison)
    return;
  auto [column, constant, type] =
      ConstantOnRight(static_cast<const BoundComparisonExpression&>(expr));
  if (column->expression_class != ExpressionClass::kColumnRef ||
      constant->expression_class != ExpressionClass::kConstant) {
    return;
  }
  auto& ref = static_cast<const BoundColumnRefExpression&>(*column);
  auto& value = static_cast<const BoundConstantExpression&>(*constant).value;
  if (ref.binding.table_index != get.table_index || ref.depth != 0 || value.IsNull() ||
      ref.binding.column_index >= get.table->columns.size()) {
    return;
  }
  auto& column_type = get.table->columns[ref.binding.column_index].type;
  ZoneMapFilter filter;
  if (!ZoneMapValue(column_type, value, filter))
    return;
  filter.column = ref.binding.column_index;
  switch (type) {
    case ComparisonType::kEqual:
      filter.op = ZoneMapFilter::Op::kEqual;
      break;
    case ComparisonType::kLessThan:
      filter.op = ZoneMapFilter::Op::kLess;
      break;
    case ComparisonType::kLessThanOrEqual:
      filter.op = ZoneMapFilter::Op::kLessEqual;
      break;
    case ComparisonType::kGreaterThan:
      filter.op = ZoneMapFilter::Op::kGreater;
      break;
    case ComparisonType::kGreaterThanOrEqual:
      filter.op = ZoneMapFilter::Op::kGreaterEqual;
      break;
    default:
      return;
  }
  get.zone_filters.push_back(filter);
}

}  // namespace

void PushZoneMapFilters(LogicalOperator& op) {
  for (auto& child : op.children)
    PushZoneMapFilters(*child);
  if (op.type != LogicalOperatorType::kFilter || op.children.size() != 1 ||
      op.children[0]->type != LogicalOperatorType::kGet) {
    return;
  }
  auto& get = op.children[0]->Cast<LogicalGet>();
  for (auto& expr : op.expressions)
    Collect(*expr, get);
}

}  // namespace tributary
