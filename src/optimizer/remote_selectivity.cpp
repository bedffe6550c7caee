#include "optimizer/remote_selectivity.h"

#include <algorithm>
#include <cstdlib>

#include "planner/expression/bound_cast_expression.h"
#include "planner/expression/bound_column_ref_expression.h"
#include "planner/expression/bound_comparison_expression.h"
#include "planner/expression/bound_conjunction_expression.h"
#include "planner/expression/bound_constant_expression.h"
#include "planner/expression/bound_function_expression.h"
#include "planner/expression/bound_operator_expression.h"

namespace tributary {

namespace {

constexpr double kDefaultSelectivity = 0.2;

struct ColumnStats {
  const RemoteColumn* column = nullptr;
  idx_t index = 0;
};

ColumnStats ColumnOf(const RemoteTable& table, idx_t table_index, const Expression& e) {
  // A CHAR column under the CHAR -> VARCHAR cast its comparisons with
  // string constants get: the same values, without trailing blanks.
  if (e.expression_class == ExpressionClass::kCast &&
      e.return_type.id() == LogicalTypeId::kVarchar &&
      e.Cast<BoundCastExpression>().child->return_type.id() == LogicalTypeId::kChar)
    return ColumnOf(table, table_index, *e.Cast<BoundCastExpression>().child);
  if (e.expression_class != ExpressionClass::kColumnRef)
    return {};
  auto& ref = e.Cast<BoundColumnRefExpression>();
  if (ref.depth != 0 || ref.binding.table_index != table_index ||
      ref.binding.column_index >= table.columns.size()) {
    return {};
  }
  return {&table.columns[ref.binding.column_index], ref.binding.column_index};
}

bool IsNumeric(const LogicalType& type) {
  return type.IsInteger() || type.id() == LogicalTypeId::kDecimal ||
         type.id() == LogicalTypeId::kReal || type.id() == LogicalTypeId::kDouble;
}

// Compares two values in PostgreSQL's text form: numerically for numbers,
// as text otherwise (ISO dates and timestamps order as text).
int CompareText(const std::string& a, const std::string& b, bool numeric) {
  if (numeric) {
    double x = std::atof(a.c_str()), y = std::atof(b.c_str());
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

std::string ConstantText(const Expression& e) {
  auto& value = e.Cast<BoundConstantExpression>().value;
  return value.type().IsString() ? value.GetString() : value.ToString();
}

double Clamp(double s) {
  return std::min(1.0, std::max(s, 1e-9));
}

double McvTotal(const RemoteColumnStats& stats) {
  double total = 0;
  for (double f : stats.most_common_freqs)
    total += f;
  return total;
}

// CHAR values without their trailing blanks (pg_stats shows them padded).
std::string Unpadded(std::string text) {
  while (!text.empty() && text.back() == ' ')
    text.pop_back();
  return text;
}

double EqualSelectivity(const RemoteTable& table, const RemoteColumn& column,
                        const std::string& value, bool numeric) {
  auto& stats = column.stats;
  if (!stats.analyzed)
    return kDefaultSelectivity;
  bool padded = column.type.id() == LogicalTypeId::kChar;
  for (size_t i = 0; i < stats.most_common_values.size(); i++) {
    if (padded ? Unpadded(stats.most_common_values[i]) == Unpadded(value)
               : CompareText(stats.most_common_values[i], value, numeric) == 0)
      return stats.most_common_freqs[i];
  }
  double distinct = stats.n_distinct > 0 ? stats.n_distinct
                                         : -stats.n_distinct * std::max(table.estimated_rows, 1.0);
  double others = std::max(1.0, distinct - stats.most_common_values.size());
  return std::max(0.0, 1 - stats.null_frac - McvTotal(stats)) / others;
}

// Fraction of the non-NULL rows outside the MCVs below `value` (or equal
// to it when `inclusive`), from the histogram.
double HistogramBelow(const RemoteColumnStats& stats, const std::string& value, bool numeric) {
  auto& bounds = stats.histogram_bounds;
  if (bounds.size() < 2)
    return 0.5;
  if (CompareText(value, bounds.front(), numeric) < 0)
    return 0;
  if (CompareText(value, bounds.back(), numeric) >= 0)
    return 1;
  size_t bucket = 0;
  while (bucket + 1 < bounds.size() - 1 && CompareText(value, bounds[bucket + 1], numeric) >= 0)
    bucket++;
  double within = 0.5;
  if (numeric) {
    double lo = std::atof(bounds[bucket].c_str()), hi = std::atof(bounds[bucket + 1].c_str());
    double x = std::atof(value.c_str());
    within = hi > lo ? std::min(1.0, std::max(0.0, (x - lo) / (hi - lo))) : 0.5;
  }
  return (bucket + within) / (bounds.size() - 1);
}

double RangeSelectivity(const RemoteColumn& column, ComparisonType cmp, const std::string& value,
                        bool numeric) {
  auto& stats = column.stats;
  if (!stats.analyzed)
    return kDefaultSelectivity;
  bool below = cmp == ComparisonType::kLessThan || cmp == ComparisonType::kLessThanOrEqual;
  bool inclusive =
      cmp == ComparisonType::kLessThanOrEqual || cmp == ComparisonType::kGreaterThanOrEqual;
  double mcv = 0;
  for (size_t i = 0; i < stats.most_common_values.size(); i++) {
    int c = CompareText(stats.most_common_values[i], value, numeric);
    if ((below && (c < 0 || (inclusive && c == 0))) || (!below && (c > 0 || (inclusive && c == 0))))
      mcv += stats.most_common_freqs[i];
  }
  double rest = std::max(0.0, 1 - stats.null_frac - McvTotal(stats));
  double fraction = HistogramBelow(stats, value, numeric);
  return mcv + rest * (below ? fraction : 1 - fraction);
}

// `column LIKE 'prefix%...'` on a string column the source orders bytewise
// (its histogram then is in our order): the rows in [prefix, prefix + 1),
// from the most common values and the histogram.
double PrefixSelectivity(const RemoteColumn& column, const std::string& pattern) {
  auto& stats = column.stats;
  std::string prefix;
  for (char c : pattern) {
    if (c == '%' || c == '_' || c == '\\')
      break;
    prefix += c;
  }
  if (!stats.analyzed || !column.bytewise_collation || prefix.empty() ||
      static_cast<unsigned char>(prefix.back()) == 0xff)
    return kDefaultSelectivity;
  std::string upper = prefix;
  upper.back() = static_cast<char>(upper.back() + 1);
  double mcv = 0;
  for (size_t i = 0; i < stats.most_common_values.size(); i++) {
    if (stats.most_common_values[i].compare(0, prefix.size(), prefix) == 0)
      mcv += stats.most_common_freqs[i];
  }
  double rest = std::max(0.0, 1 - stats.null_frac - McvTotal(stats));
  double within = HistogramBelow(stats, upper, false) - HistogramBelow(stats, prefix, false);
  // A prefix inside one bucket: at most that bucket, at least a sliver.
  if (stats.histogram_bounds.size() >= 2)
    within = std::max(within, 0.5 / (stats.histogram_bounds.size() - 1));
  return mcv + rest * std::min(1.0, within);
}

double Selectivity(const RemoteTable& table, idx_t table_index, const Expression& e) {
  switch (e.expression_class) {
    case ExpressionClass::kFunction: {
      auto& f = e.Cast<BoundFunctionExpression>();
      if (f.children.size() != 2 || (f.function.name != "~~" && f.function.name != "!~~") ||
          f.children[1]->expression_class != ExpressionClass::kConstant ||
          f.children[1]->Cast<BoundConstantExpression>().value.IsNull())
        return kDefaultSelectivity;
      auto stats = ColumnOf(table, table_index, *f.children[0]);
      if (!stats.column || stats.column->type.id() != LogicalTypeId::kVarchar)
        return kDefaultSelectivity;
      double s = PrefixSelectivity(*stats.column, ConstantText(*f.children[1]));
      if (s == kDefaultSelectivity)
        return s;  // no prefix to go by: NOT LIKE as well
      return f.function.name == "~~" ? s : 1 - s - stats.column->stats.null_frac;
    }
    case ExpressionClass::kComparison: {
      auto [column, constant, type] = ConstantOnRight(e.Cast<BoundComparisonExpression>());
      auto stats = ColumnOf(table, table_index, *column);
      if (!stats.column || constant->expression_class != ExpressionClass::kConstant ||
          constant->Cast<BoundConstantExpression>().value.IsNull()) {
        return kDefaultSelectivity;
      }
      bool numeric = IsNumeric(stats.column->type);
      std::string value = ConstantText(*constant);
      switch (type) {
        case ComparisonType::kEqual:
        case ComparisonType::kNotDistinctFrom:
          return EqualSelectivity(table, *stats.column, value, numeric);
        case ComparisonType::kNotEqual:
        case ComparisonType::kDistinctFrom:
          return 1 - stats.column->stats.null_frac -
                 EqualSelectivity(table, *stats.column, value, numeric);
        default:
          if (!numeric && stats.column->type.IsString())
            return kDefaultSelectivity;  // the source's collation orders strings
          return RangeSelectivity(*stats.column, type, value, numeric);
      }
    }
    case ExpressionClass::kConjunction: {
      auto& conj = e.Cast<BoundConjunctionExpression>();
      double s = conj.type == ConjunctionType::kAnd ? 1 : 0;
      for (auto& child : conj.children) {
        double c = Clamp(Selectivity(table, table_index, *child));
        s = conj.type == ConjunctionType::kAnd ? s * c : s + c - s * c;
      }
      return s;
    }
    case ExpressionClass::kOperator: {
      auto& op = e.Cast<BoundOperatorExpression>();
      switch (op.type) {
        case OperatorType::kNot:
          return 1 - Selectivity(table, table_index, *op.children[0]);
        case OperatorType::kIsNull:
        case OperatorType::kIsNotNull: {
          auto stats = ColumnOf(table, table_index, *op.children[0]);
          if (!stats.column || !stats.column->stats.analyzed)
            return op.type == OperatorType::kIsNull ? kDefaultSelectivity : 1 - kDefaultSelectivity;
          double null_frac = stats.column->stats.null_frac;
          return op.type == OperatorType::kIsNull ? null_frac : 1 - null_frac;
        }
        case OperatorType::kIn:
        case OperatorType::kNotIn: {
          auto stats = ColumnOf(table, table_index, *op.children[0]);
          if (!stats.column)
            return kDefaultSelectivity;
          double s = 0;
          for (size_t i = 1; i < op.children.size(); i++) {
            if (op.children[i]->expression_class != ExpressionClass::kConstant)
              return kDefaultSelectivity;
            s += EqualSelectivity(table, *stats.column, ConstantText(*op.children[i]),
                                  IsNumeric(stats.column->type));
          }
          s = std::min(1.0, s);
          return op.type == OperatorType::kIn ? s : 1 - s - stats.column->stats.null_frac;
        }
        default:
          return kDefaultSelectivity;
      }
    }
    default:
      return kDefaultSelectivity;
  }
}

}  // namespace

double RemoteSelectivity(const RemoteTable& table, idx_t table_index, const Expression& conjunct) {
  return Clamp(Selectivity(table, table_index, conjunct));
}

double RemoteDistinctValues(const RemoteTable& table, idx_t column) {
  double rows = std::max(table.estimated_rows, 1.0);
  auto& stats = table.columns[column].stats;
  if (!stats.analyzed || stats.n_distinct == 0)
    return std::max(1.0, rows / 5);
  return std::max(1.0, stats.n_distinct > 0 ? stats.n_distinct : -stats.n_distinct * rows);
}

}  // namespace tributary
